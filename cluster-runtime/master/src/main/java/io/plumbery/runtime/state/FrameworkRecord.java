package io.plumbery.runtime.state;

import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Offer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** The master's view of one framework. Mutated only under the master's lock. */
public final class FrameworkRecord {
    private final String id;
    private FrameworkInfo info;
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private EventSink sink;
    private String streamId;
    private double registeredTime;
    private Double reregisteredTime;
    private Double unregisteredTime;
    private boolean recovered;
    private ScheduledFuture<?> failoverTimer;

    public FrameworkRecord(String id, FrameworkInfo info, boolean recovered, long nowMillis) {
        this.id = id;
        this.info = info;
        this.recovered = recovered;
        this.registeredTime = nowMillis / 1000.0;
    }

    /** Where events for this framework go (a subscription stream). */
    public interface EventSink {
        void send(io.plumbery.runtime.protocol.Event event);

        void close();
    }

    public String id() {
        return id;
    }

    public FrameworkInfo info() {
        return info;
    }

    public Map<String, TaskRecord> tasks() {
        return tasks;
    }

    public Map<String, Offer> offers() {
        return offers;
    }

    public boolean connected() {
        return sink != null;
    }

    public boolean recovered() {
        return recovered;
    }

    public EventSink sink() {
        return sink;
    }

    public String streamId() {
        return streamId;
    }

    public boolean partitionAware() {
        return info != null && info.hasCapability("PARTITION_AWARE");
    }

    /** (Re)subscription: a new stream replaces any previous one, which the caller has closed. */
    public void subscribe(FrameworkInfo newInfo, EventSink newSink, String newStreamId, long nowMillis) {
        if (sink != null || recovered || unregisteredTime != null) {
            reregisteredTime = nowMillis / 1000.0;
        }
        info = newInfo;
        sink = newSink;
        streamId = newStreamId;
        recovered = false;
        unregisteredTime = null;
        if (failoverTimer != null) {
            failoverTimer.cancel(false);
            failoverTimer = null;
        }
    }

    /** UPDATE_FRAMEWORK: new FrameworkInfo, same id. */
    public void update(FrameworkInfo newInfo) {
        info = newInfo;
    }

    public void disconnect(long nowMillis, ScheduledFuture<?> timer) {
        sink = null;
        streamId = null;
        unregisteredTime = nowMillis / 1000.0;
        failoverTimer = timer;
    }

    public double registeredTime() {
        return registeredTime;
    }

    public Double reregisteredTime() {
        return reregisteredTime;
    }

    public Double unregisteredTime() {
        return unregisteredTime;
    }

    public void send(io.plumbery.runtime.protocol.Event event) {
        EventSink s = sink;
        if (s != null) {
            s.send(event);
        }
    }
}
