package io.plumbery.runtime.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Many lightweight agents in one process, speaking the master's internal agent protocol as raw JSON (so a change of
 * that protocol fails the benchmark at run time, not the build): each registers, heartbeats, and answers a launch
 * with TASK_RUNNING at once and a kill with TASK_KILLED. For benchmarks only.
 */
final class SimulatedAgents implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String master;
    private final List<String> agentIds = new ArrayList<>();
    private final java.util.Map<String, ObjectNode> pending = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> taskAgents = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private HttpServer server;
    private String endpoint;

    SimulatedAgents(String master) {
        this.master = master;
    }

    void start(int count, String resources) throws Exception {
        server = new HttpServer("sim-agents", "127.0.0.1", 0, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                JsonNode body = Json.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
                switch (request.getHttpURI().getPath()) {
                    case "/internal/launch" -> {
                        // one launch, or a batch {"launches": [...]} for agents that take batches
                        for (JsonNode launch : body.has("launches") ? body.path("launches") : List.of(body)) {
                            update(launch.path("framework_id").asText(), launch.path("task"), "TASK_RUNNING");
                        }
                    }
                    case "/internal/kill" -> {
                        String taskId = body.path("task_id").asText();
                        ObjectNode task = Json.object();
                        task.putObject("task_id").put("value", taskId);
                        task.putObject("agent_id").put("value", taskAgents.getOrDefault(taskId, agentIds.get(0)));
                        update(body.path("framework_id").asText(), task, "TASK_KILLED");
                    }
                    case "/internal/ack" -> {
                        for (JsonNode ack : body.has("acks") ? body.path("acks") : List.of(body)) {
                            pending.remove(ack.path("uuid").asText());
                        }
                    }
                    default -> { }
                }
                response.setStatus(202);
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
        });
        server.start();
        endpoint = "127.0.0.1:" + server.port();
        for (int i = 0; i < count; i++) {
            ObjectNode reg = Json.object().put("endpoint", endpoint).put("version", "1.11.0");
            reg.putArray("tasks");
            ObjectNode info = reg.putObject("agent_info").put("hostname", "sim-" + i).put("port", 5051);
            info.set("resources", Json.MAPPER.readTree(resources));
            info.putArray("attributes");
            HttpResponse<String> r = post("/internal/agent/register", reg);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("registration answered " + r.statusCode() + ": " + r.body());
            }
            agentIds.add(Json.MAPPER.readTree(r.body()).path("agent_id").asText());
        }
        timers.scheduleWithFixedDelay(() -> agentIds.forEach(id -> postAsync("/internal/agent/heartbeat",
                Json.object().put("agent_id", id))), 2, 2, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> pending.values().forEach(u -> postAsync("/internal/agent/update", u)),
                3, 3, TimeUnit.SECONDS);
    }

    private void update(String frameworkId, JsonNode task, String state) {
        String agentId = task.path("agent_id").path("value").asText(agentIds.get(0));
        taskAgents.put(task.path("task_id").path("value").asText(), agentId);
        ObjectNode status = Json.object().put("state", state).put("source", TaskStatus.SOURCE_EXECUTOR)
                .put("timestamp", System.currentTimeMillis() / 1000.0).put("uuid", TaskStatus.newUuid());
        status.set("task_id", task.path("task_id"));
        status.putObject("agent_id").put("value", agentId);
        ObjectNode updates = Json.object().put("agent_id", agentId);
        ArrayNode list = updates.putArray("updates");
        list.addObject().put("agent_id", agentId).put("framework_id", frameworkId).set("status", status);
        pending.put(status.path("uuid").asText(), updates);
        postAsync("/internal/agent/update", updates);
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private void postAsync(String path, ObjectNode body) {
        http.sendAsync(request(path, body), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(String path, ObjectNode body) {
        return HttpRequest.newBuilder(URI.create("http://" + master + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    @Override
    public void close() throws Exception {
        timers.shutdownNow();
        if (server != null) {
            server.close();
        }
    }
}
