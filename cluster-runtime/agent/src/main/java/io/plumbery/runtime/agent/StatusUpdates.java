package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Status updates sent in order to the master and re-sent until the framework acknowledges them. */
final class StatusUpdates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdates.class);

    private record Pending(String frameworkId, TaskStatus status, long sentMillis) {
    }

    private static final int BATCH = 500;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Pending> outbox = new LinkedBlockingQueue<>();
    private final JsonClient client;
    private final Thread sender = new Thread(this::sendLoop, "status-updates");
    private final Supplier<String> master;
    private final Supplier<String> agentId;
    private final Runnable unknownAgent;
    private final Duration retryInterval;
    private volatile boolean closed;

    /** Updates sent without a credential (an agent with no {@code --credential}). */
    StatusUpdates(Supplier<String> master, Supplier<String> agentId, Runnable unknownAgent, Duration retryInterval) {
        this(master, agentId, unknownAgent, retryInterval, new JsonClient(Duration.ofSeconds(5)));
    }

    StatusUpdates(Supplier<String> master, Supplier<String> agentId, Runnable unknownAgent, Duration retryInterval,
                  JsonClient client) {
        this.client = client;
        this.master = master;
        this.agentId = agentId;
        this.unknownAgent = unknownAgent;
        this.retryInterval = retryInterval;
    }

    void start() {
        sender.setDaemon(true);
        sender.start();
    }

    void submit(String frameworkId, TaskStatus status) {
        Pending p = new Pending(frameworkId, status, System.currentTimeMillis());
        synchronized (pending) {
            pending.put(status.uuid(), p);
        }
        outbox.add(p);
    }

    void acknowledged(String uuid) {
        synchronized (pending) {
            pending.remove(uuid);
        }
    }

    void forgetFramework(String frameworkId) {
        synchronized (pending) {
            pending.values().removeIf(p -> p.frameworkId().equals(frameworkId));
        }
    }

    /** Re-sends updates not acknowledged within the retry interval (all of them if {@code all}). */
    void retry(boolean all) {
        long cutoff = System.currentTimeMillis() - retryInterval.toMillis();
        synchronized (pending) {
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                if (all || e.getValue().sentMillis() <= cutoff) {
                    Pending again = new Pending(e.getValue().frameworkId(), e.getValue().status(), System.currentTimeMillis());
                    e.setValue(again);
                    outbox.add(again);
                }
            }
        }
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private void sendLoop() {
        while (!closed) {
            try {
                Pending first = outbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                outbox.drainTo(batch, BATCH - 1);
                send(batch);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(List<Pending> batch) throws InterruptedException {
        String endpoint = master.get();
        String id = agentId.get();
        List<AgentMessages.StatusUpdate> updates = new ArrayList<>();
        synchronized (pending) {
            for (Pending p : batch) {
                if (pending.containsKey(p.status().uuid())) {
                    updates.add(new AgentMessages.StatusUpdate(id, p.frameworkId(), p.status()));
                }
            }
        }
        if (endpoint == null || id == null || updates.isEmpty()) {
            return;
        }
        try {
            HttpResponse<String> r = client.post(endpoint, AgentMessages.MASTER_UPDATE,
                    new AgentMessages.StatusUpdates(id, updates)).get(6, TimeUnit.SECONDS);
            if (r.statusCode() == 404 || r.statusCode() == 409 || r.statusCode() == 307) {
                unknownAgent.run();
            } else if (r.statusCode() == 200) {
                Json.read(r.body(), AgentMessages.UpdatesReply.class).forget().forEach(this::acknowledged);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.debug("{} status updates not delivered: {}", updates.size(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
    }
}
