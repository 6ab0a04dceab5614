package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.plumbery.engine.Progress;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.RecordIo;
import io.plumbery.runtime.protocol.ResourceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain client against a real master and agent of the cluster runtime on loopback, with a task launched by a
 * small v1 framework: drain ends with the agent DRAINED and the task killed, undrain reactivates it.
 */
class AgentDrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGENT = Set.of("agent9", "127.0.0.2"); // its node name, then its address
    private static final AgentDrainer.Timing QUICK = new AgentDrainer.Timing(Duration.ofSeconds(20),
            Duration.ofMillis(200), Duration.ofSeconds(1));

    @TempDir
    Path dir;
    private MasterServer master;
    private AgentServer agent;
    private String url;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private InputStream stream;
    private volatile String frameworkId;

    @BeforeEach
    void cluster() throws Exception {
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir.resolve("master")));
        master.start();
        waitFor(master::isLeader, "the master leads");
        url = "http://127.0.0.1:" + master.port() + "/";
        agent = new AgentServer(AgentConfig.of("127.0.0.2", 0, "127.0.0.1:" + master.port(),
                ResourceSpec.parseResources("cpus:2;mem:1024;disk:1000"), dir.resolve("agent")));
        agent.start();
        waitFor(agent::isRegistered, "the agent registers");
    }

    @AfterEach
    void stop() throws Exception {
        if (stream != null) {
            stream.close();
        }
        agent.close();
        master.close();
    }

    @Test
    void drainKillsTheTaskEndsDrainedAndUndrainReactivates() throws Exception {
        runTask("worker");
        AgentDrainer drainer = drainer(List.of(url));

        assertTrue(drainer.drain("node.agent9", AGENT, false));
        waitFor(() -> stateOf(drainer).equals(Optional.of("DRAINED")), "DRAINED once the kill is acknowledged");
        JsonNode killed = await(e -> e.path("update").path("status").path("state").asText().equals("TASK_KILLED"));
        assertEquals("REASON_AGENT_DRAINING", killed.path("update").path("status").path("reason").asText());
        assertTrue(lines.contains("node.agent9 drained"), lines.toString());

        assertTrue(drainer.undrain("node.agent9", AGENT));
        assertEquals(Optional.empty(), drainer.state(AGENT));
        assertFalse(drainer.drain("node.agent7", Set.of("agent7", "10.0.0.7"), false), "no such agent: nothing to drain");
    }

    @Test
    void aDrainBeforeTheNodeIsDestroyedLeavesTheMasterWithoutTheAgent() throws Exception {
        runTask("mover");
        AgentDrainer drainer = drainer(List.of(url));
        assertTrue(drainer.drain("node.agent9", AGENT, true));
        await(e -> e.path("update").path("status").path("state").asText().equals("TASK_KILLED"));
        waitFor(() -> agents().size() == 0, "the drained agent is gone from GET_AGENTS");
        assertFalse(drainer.drain("node.agent9", AGENT, true), "the next deploy finds nothing left to drain");
    }

    private JsonNode agents() {
        try {
            return JSON.readTree(new ClusterHttp(null, HttpClient.newBuilder()).postJson(url + "api/v1",
                    JSON.createObjectNode().put("type", "GET_AGENTS")).body()).path("get_agents").path("agents");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDrainThatDoesNotFinishInTimeNamesTheAgentAndItsTasks() throws Exception {
        runTask("stubborn");
        agent.close(); // the master still lists the agent and its task, but no kill reaches them
        AgentDrainer impatient = new AgentDrainer(new ClusterHttp(null, HttpClient.newBuilder()), List.of(url),
                progress(), new AgentDrainer.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1)));
        IOException late = assertThrows(IOException.class, () -> impatient.drain("node.agent9", AGENT, false));
        assertTrue(late.getMessage().endsWith("(127.0.0.2) did not drain within 1s; its tasks left: stubborn"),
                late.getMessage());
        assertTrue(lines.contains("node.agent9 draining: 1 task(s) left (stubborn)"), lines.toString());
    }

    @Test
    void noLeaderIsSaidAsSuchAndAStandbyIsSkipped() throws Exception {
        int closed = freePort();
        AgentDrainer none = drainer(List.of("http://127.0.0.1:" + closed + "/"));
        assertThrows(LeaderOperator.NoLeader.class, () -> none.drain("node.agent9", AGENT, false));
        AgentDrainer second = drainer(List.of("http://127.0.0.1:" + closed + "/", url));
        assertEquals(Optional.empty(), second.state(AGENT), "the leader behind a silent master answers");
    }

    private static Optional<String> stateOf(AgentDrainer drainer) {
        try {
            return drainer.state(AGENT);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private AgentDrainer drainer(List<String> masters) {
        return new AgentDrainer(new ClusterHttp(null, HttpClient.newBuilder()), masters, progress(), QUICK);
    }

    private Progress progress() {
        return new Progress() {
            @Override
            public void started(String subject, String step) {
                lines.add(subject + " " + step);
            }

            @Override
            public void finished(String subject, String step, String detail) {
                lines.add(subject + " " + step);
            }

            @Override
            public void failed(String subject, String step, String reason) {
                lines.add(subject + " failed " + reason);
            }

            @Override
            public void note(String message) {
                lines.add(message);
            }
        };
    }

    private void runTask(String id) throws Exception {
        runTask(id, "sleep 300");
    }

    /** Subscribes a framework (v1 scheduler API), launches one task on the first offer, waits until it runs. */
    private void runTask(String id, String command) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectNode subscribe = JSON.createObjectNode().put("type", "SUBSCRIBE");
        ObjectNode info = subscribe.putObject("subscribe").putObject("framework_info")
                .put("user", System.getProperty("user.name")).put("name", "drain-test").put("failover_timeout", 60);
        info.putArray("roles").add("*");
        info.putArray("capabilities").addObject().put("type", "MULTI_ROLE");
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url + "api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(subscribe.toString())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        stream = response.body();
        Thread reader = new Thread(() -> {
            try {
                byte[] record;
                while ((record = RecordIo.read(stream)) != null) {
                    JsonNode event = JSON.readTree(record);
                    events.add(event);
                    acknowledge(http, streamId, event); // as Marathon does: a drain ends once updates are acknowledged
                }
            } catch (IOException e) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        frameworkId = await(e -> e.path("type").asText().equals("SUBSCRIBED"))
                .path("subscribed").path("framework_id").path("value").asText();
        JsonNode offer = await(e -> e.path("type").asText().equals("OFFERS")).path("offers").path("offers").get(0);

        ObjectNode accept = JSON.createObjectNode().put("type", "ACCEPT");
        accept.putObject("framework_id").put("value", frameworkId);
        ObjectNode body = accept.putObject("accept");
        body.putArray("offer_ids").add(offer.path("id"));
        ObjectNode task = body.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch")
                .putArray("task_infos").addObject().put("name", id);
        task.putObject("task_id").put("value", id);
        task.set("agent_id", offer.path("agent_id"));
        task.putArray("resources").addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar")
                .put("value", 0.5);
        task.putObject("command").put("shell", true).put("value", command);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url + "api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(accept.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        await(e -> e.path("update").path("status").path("state").asText().equals("TASK_RUNNING"));
    }

    private void acknowledge(HttpClient http, String streamId, JsonNode event) throws IOException {
        JsonNode status = event.path("update").path("status");
        if (!status.hasNonNull("uuid")) {
            return;
        }
        ObjectNode ack = JSON.createObjectNode().put("type", "ACKNOWLEDGE");
        ack.putObject("framework_id").put("value", frameworkId);
        ObjectNode a = ack.putObject("acknowledge");
        a.set("agent_id", status.path("agent_id"));
        a.set("task_id", status.path("task_id"));
        a.put("uuid", status.path("uuid").asText());
        http.sendAsync(HttpRequest.newBuilder(URI.create(url + "api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(ack.toString())).build(), HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such event among " + events);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
