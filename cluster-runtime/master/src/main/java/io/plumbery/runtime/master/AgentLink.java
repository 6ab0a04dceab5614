package io.plumbery.runtime.master;

import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.AgentMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's outbound calls to agents (fire and forget; failures are logged and returned), each with the token the
 * agent was given when it registered ({@link AgentMessages#MASTER_TOKEN}).
 */
public final class AgentLink {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JsonClient client = new JsonClient(Duration.ofSeconds(5));
    private final Tls tls = Tls.forProcess();
    private final HttpClient reads = tls.client().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Queue<AgentMessages.Ack>> acks = new ConcurrentHashMap<>();
    private final Set<String> flushing = ConcurrentHashMap.newKeySet();

    /** A new token for the agent registering at this endpoint, which its calls carry from now on. */
    public String admit(String endpoint) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        tokens.put(endpoint, value);
        return value;
    }

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

    /**
     * A read of one of the agent's endpoints ({@code /files/read?path=...}) with the master's token, which the agent
     * takes in place of its own authentication: the master's {@code /agent/ID/} pages ask it so for people the master
     * has authenticated; {@code principal} (null: none) is whom the agent's {@code --acls} judge the read for.
     */
    public CompletableFuture<HttpResponse<byte[]>> read(String endpoint, String pathAndQuery, String principal) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tls.url(endpoint) + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET();
        String token = tokens.get(endpoint);
        if (token != null) {
            request.header(AgentMessages.MASTER_TOKEN, token);
            if (principal != null) {
                request.header(AgentMessages.MASTER_PRINCIPAL, principal);
            }
        }
        return reads.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private CompletableFuture<Boolean> post(String endpoint, String path, Object body) {
        String token = tokens.get(endpoint);
        Map<String, String> headers = token == null ? Map.of() : Map.of(AgentMessages.MASTER_TOKEN, token);
        return client.post(endpoint, path, body, headers).handle((HttpResponse<String> r, Throwable t) -> {
            if (t != null || r.statusCode() >= 300) {
                LOG.warn("{} to agent {} failed: {}", path, endpoint, t != null ? t.toString() : r.statusCode() + " " + r.body());
                return false;
            }
            return true;
        });
    }
}
