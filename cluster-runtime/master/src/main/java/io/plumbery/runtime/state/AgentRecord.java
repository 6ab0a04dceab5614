package io.plumbery.runtime.state;

import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Resources;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The master's view of one registered agent. Mutated only under the master's lock. */
public final class AgentRecord {
    private final AgentInfo info;
    private final String endpoint;
    private final String version;
    private final double registeredTime;
    private final Resources total;
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private long lastSeenMillis;
    private Double reregisteredTime;
    private Set<String> capabilities = Set.of();

    public AgentRecord(AgentInfo info, String endpoint, String version, long nowMillis) {
        this.info = info;
        this.endpoint = endpoint;
        this.version = version;
        this.registeredTime = nowMillis / 1000.0;
        this.total = Resources.fromProto(info.resources());
        this.lastSeenMillis = nowMillis;
    }

    public String id() {
        return info.id().value();
    }

    public AgentInfo info() {
        return info;
    }

    /** host:port of the agent's HTTP API. */
    public String endpoint() {
        return endpoint;
    }

    public String pid() {
        return "slave(1)@" + endpoint;
    }

    public String version() {
        return version;
    }

    public double registeredTime() {
        return registeredTime;
    }

    public Double reregisteredTime() {
        return reregisteredTime;
    }

    public void markReregistered(long nowMillis) {
        reregisteredTime = nowMillis / 1000.0;
    }

    /** Whether the agent takes launches and acks in batches (else one message per request). */
    public boolean batches() {
        return capabilities.contains(AgentMessages.BATCHES);
    }

    /** Whether the agent runs tasks whose container is DOCKER. */
    public boolean docker() {
        return capabilities.contains(AgentMessages.DOCKER);
    }

    public void capabilities(Collection<String> declared) {
        capabilities = declared == null ? Set.of() : Set.copyOf(declared);
    }

    public Resources total() {
        return total;
    }

    public Map<String, TaskRecord> tasks() {
        return tasks;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    public void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
    }
}
