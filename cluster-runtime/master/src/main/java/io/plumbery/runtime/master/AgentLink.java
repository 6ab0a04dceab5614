package io.plumbery.runtime.master;

import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.protocol.AgentMessages;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The master's outbound calls to agents (fire and forget; failures are logged and returned). */
public final class AgentLink {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);
    private final JsonClient client = new JsonClient(Duration.ofSeconds(5));
    private final Map<String, Queue<AgentMessages.Ack>> acks = new ConcurrentHashMap<>();
    private final Set<String> flushing = ConcurrentHashMap.newKeySet();

    /** Launches in one request to agents that take batches, else one request per task; true if all went. */
    public CompletableFuture<Boolean> launch(String endpoint, boolean batches, List<AgentMessages.Launch> launches) {
        if (batches) {
            return post(endpoint, AgentMessages.AGENT_LAUNCH, new AgentMessages.Launches(launches));
        }
        CompletableFuture<Boolean> all = CompletableFuture.completedFuture(true);
        for (AgentMessages.Launch launch : launches) {
            CompletableFuture<Boolean> one = post(endpoint, AgentMessages.AGENT_LAUNCH, launch);
            all = all.thenCombine(one, Boolean::logicalAnd);
        }
        return all;
    }

    public CompletableFuture<Boolean> kill(String endpoint, AgentMessages.Kill kill) {
        return post(endpoint, AgentMessages.AGENT_KILL, kill);
    }

    /**
     * Acknowledgement to an agent: for agents that take batches, queued so that acks travel together with one request
     * in flight per agent; otherwise one request each.
     */
    public void ack(String endpoint, boolean batches, AgentMessages.Ack ack) {
        if (!batches) {
            post(endpoint, AgentMessages.AGENT_ACK, ack);
            return;
        }
        acks.computeIfAbsent(endpoint, e -> new ConcurrentLinkedQueue<>()).add(ack);
        flushAcks(endpoint);
    }

    private void flushAcks(String endpoint) {
        if (!flushing.add(endpoint)) {
            return;
        }
        Queue<AgentMessages.Ack> queue = acks.get(endpoint);
        List<AgentMessages.Ack> batch = new ArrayList<>();
        for (AgentMessages.Ack a; batch.size() < 1000 && (a = queue.poll()) != null; ) {
            batch.add(a);
        }
        if (batch.isEmpty()) {
            flushing.remove(endpoint);
            if (!queue.isEmpty()) {
                flushAcks(endpoint);
            }
            return;
        }
        post(endpoint, AgentMessages.AGENT_ACK, new AgentMessages.Acks(batch)).whenComplete((ok, t) -> {
            flushing.remove(endpoint);
            if (!queue.isEmpty()) {
                flushAcks(endpoint);
            }
        });
    }

    public CompletableFuture<Boolean> shutdownFramework(String endpoint, String frameworkId) {
        return post(endpoint, AgentMessages.AGENT_SHUTDOWN_FRAMEWORK, new AgentMessages.ShutdownFramework(frameworkId));
    }

    private CompletableFuture<Boolean> post(String endpoint, String path, Object body) {
        return client.post(endpoint, path, body).handle((HttpResponse<String> r, Throwable t) -> {
            if (t != null || r.statusCode() >= 300) {
                LOG.warn("{} to agent {} failed: {}", path, endpoint, t != null ? t.toString() : r.statusCode() + " " + r.body());
                return false;
            }
            return true;
        });
    }
}
