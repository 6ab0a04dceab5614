package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Agents found by host:port: checkpoint recovery, lost agents, offers rescinded, status updates re-sent, teardown. */
class AgentLifecycleIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void anAgentRetryingItsFirstRegistrationKeepsTheIdItWasGiven() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.33", null, dir.resolve("retry")));
        String register = Json.write(new AgentMessages.Register(new AgentInfo("127.0.0.34", 5051, List.of(), List.of(),
                null), "127.0.0.34:5051", "1.11.0", List.of(), List.of()));
        List<String> ids = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> answer = Cluster.post(master.info().endpoint(), AgentMessages.MASTER_REGISTER, register);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            ids.add(Json.parse(answer.body()).path("agent_id").asText());
        }
        assertThat(ids.get(1)).isEqualTo(ids.get(0)).isNotEmpty();
        int agents = master.core().read(s -> s.agents.size());
        assertThat(agents).isEqualTo(1);
    }

    @Test
    void restartedAgentRecoversItsTasksFromCheckpoints() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.31", null, dir.resolve("m")));
        String endpoint = master.info().endpoint();
        AgentServer first = Cluster.agent("127.0.0.32", endpoint, dir.resolve("agent"));
        await().atMost(Duration.ofSeconds(10)).until(first::isRegistered);
        SchedulerClient scheduler = open.keep(new SchedulerClient(endpoint));
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("recovery-fw", null, 60, true));
        scheduler.launch(scheduler.awaitOffer(10), "keep-1", "sleep 300", 0.5, 64);
        scheduler.awaitUpdate("keep-1", "TASK_RUNNING", 10);
        scheduler.launch(scheduler.awaitOffer(10), "end-1", "mkfifo fifo && read line < fifo; exit 7", 0.5, 64);
        scheduler.awaitUpdate("end-1", "TASK_RUNNING", 10);
        String agentId = first.agentId().orElseThrow();

        first.detach();
        Path sandbox = sandboxOf("end-1");
        // The task ends while no agent runs: unblock its read through the fifo the shell waits on.
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(sandbox.resolve("fifo")));
        Process writer = new ProcessBuilder("/bin/sh", "-c", "echo go > fifo").directory(sandbox.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sandbox.resolve(".exit_status")));
        } finally {
            writer.destroyForcibly();
        }

        AgentServer second = open.keep(Cluster.agent("127.0.0.32", endpoint, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(10)).until(second::isRegistered);
        assertThat(second.agentId()).hasValue(agentId);
        JsonNode failed = scheduler.awaitUpdate("end-1", "TASK_FAILED", 10);
        assertThat(failed.path("message").asText()).contains("status 7");

        ObjectNode reconcile = scheduler.call("RECONCILE");
        reconcile.putObject("reconcile").putArray("tasks").addObject().putObject("task_id").put("value", "keep-1");
        scheduler.post(reconcile);
        scheduler.await(e -> e.path("update").path("status").path("reason").asText().equals("REASON_RECONCILIATION")
                && e.path("update").path("status").path("state").asText().equals("TASK_RUNNING"), 5);

        ObjectNode kill = scheduler.call("KILL");
        kill.putObject("kill").putObject("task_id").put("value", "keep-1");
        scheduler.post(kill);
        scheduler.awaitUpdate("keep-1", "TASK_KILLED", 10);
    }

    private Path sandboxOf(String taskId) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("agent"))) {
            return files.filter(p -> p.getFileName().toString().equals("stdout") && p.toString().contains("/" + taskId + "/"))
                    .findFirst().orElseThrow().getParent();
        }
    }

    @Test
    void lostAgentsTasksBecomeLostAndFrameworksHearFailure() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.33", null, dir.resolve("m"), Duration.ofSeconds(30),
                Duration.ofSeconds(2)));
        String endpoint = master.info().endpoint();
        AgentServer agent = open.keep(Cluster.agent("127.0.0.34", endpoint, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(10)).until(agent::isRegistered);
        SchedulerClient scheduler = open.keep(new SchedulerClient(endpoint));
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("lost-fw", null, 60, false));
        scheduler.launch(scheduler.awaitOffer(10), "doomed-1", "sleep 300", 0.5, 64);
        scheduler.awaitUpdate("doomed-1", "TASK_RUNNING", 10);
        String agentId = agent.agentId().orElseThrow();

        agent.close();
        JsonNode lost = scheduler.awaitUpdate("doomed-1", "TASK_LOST", 10);
        assertThat(lost.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED");
        assertThat(lost.path("source").asText()).isEqualTo("SOURCE_MASTER");
        JsonNode failure = scheduler.await(e -> e.path("type").asText().equals("FAILURE"), 5);
        assertThat(failure.path("failure").path("agent_id").path("value").asText()).isEqualTo(agentId);
        JsonNode metrics = Json.MAPPER.readTree(Cluster.get(endpoint, "/metrics/snapshot").body());
        assertThat(metrics.path("master/slaves_active").asInt()).isZero();
        assertThat(metrics.path("master/tasks_lost").asInt()).isEqualTo(1);
    }

    @Test
    void unusedOffersAreRescindedAndDeclineFiltersHold() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.35", null, dir.resolve("m"), Duration.ofSeconds(1),
                Duration.ofSeconds(30)));
        String endpoint = master.info().endpoint();
        AgentServer agent = open.keep(Cluster.agent("127.0.0.36", endpoint, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(10)).until(agent::isRegistered);
        SchedulerClient scheduler = open.keep(new SchedulerClient(endpoint));
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("rescind-fw", null, 0, false));
        JsonNode offer = scheduler.awaitOffer(10);
        String offerId = offer.path("id").path("value").asText();
        JsonNode rescind = scheduler.await(e -> e.path("type").asText().equals("RESCIND"), 5);
        assertThat(rescind.path("rescind").path("offer_id").path("value").asText()).isEqualTo(offerId);

        JsonNode next = scheduler.await(e -> e.path("type").asText().equals("OFFERS")
                && !e.path("offers").path("offers").get(0).path("id").path("value").asText().equals(offerId), 5)
                .path("offers").path("offers").get(0);
        ObjectNode decline = scheduler.call("DECLINE");
        decline.putObject("decline").putArray("offer_ids").add(next.path("id"));
        decline.with("decline").putObject("filters").put("refuse_seconds", 3600);
        assertThat(scheduler.post(decline)).isEqualTo(202);
        int offersBefore = countOffers(scheduler);
        ObjectNode heartbeatProbe = scheduler.call("RECONCILE");
        heartbeatProbe.putObject("reconcile").putArray("tasks");
        scheduler.post(heartbeatProbe);
        // Over several allocation cycles (200 ms each) no new offer arrives while the filter holds.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> countOffers(scheduler) == offersBefore);
        assertThat(scheduler.post(scheduler.call("REVIVE"))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> countOffers(scheduler) > offersBefore);

        assertThat(scheduler.post(scheduler.call("TEARDOWN"))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> Json.MAPPER.readTree(Cluster.get(endpoint, "/master/frameworks")
                .body()).path("completed_frameworks").size() == 1);
    }

    private static int countOffers(SchedulerClient scheduler) {
        return (int) scheduler.events.stream().filter(e -> e.path("type").asText().equals("OFFERS")).count();
    }

    @Test
    void frameworkGoneBeyondItsFailoverTimeoutIsRemovedWithItsTasks() throws Exception {
        // Heartbeats every second: a write to a vanished subscriber is how its disconnection is noticed.
        MasterServer master = open.keep(Cluster.master("127.0.0.39", null, dir.resolve("m"), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1)));
        String endpoint = master.info().endpoint();
        AgentServer agent = open.keep(Cluster.agent("127.0.0.40", endpoint, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(10)).until(agent::isRegistered);
        SchedulerClient scheduler = new SchedulerClient(endpoint);
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("short-lived", null, 1, false));
        scheduler.launch(scheduler.awaitOffer(10), "orphan-1", "sleep 300", 0.1, 32);
        scheduler.awaitUpdate("orphan-1", "TASK_RUNNING", 10);
        scheduler.close();
        // Disconnection is noticed, failover_timeout (1 s) passes, the framework and its task are gone.
        await().atMost(Duration.ofSeconds(15)).until(() -> Json.MAPPER.readTree(Cluster.get(endpoint,
                "/master/frameworks").body()).path("completed_frameworks").size() == 1);
        String agentEndpoint = "127.0.0.40:" + agent.port();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Cluster.get(agentEndpoint, "/state").body()
                .contains("TASK_RUNNING"));
        JsonNode metrics = Json.MAPPER.readTree(Cluster.get(endpoint, "/metrics/snapshot").body());
        assertThat(metrics.path("master/frameworks_active").asInt()).isZero();
    }

    @Test
    void agentsWithoutBatchCapabilityGetOneMessagePerRequest() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.45", null, dir.resolve("m")));
        String endpoint = master.info().endpoint();
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        io.plumbery.runtime.http.Router router = new io.plumbery.runtime.http.Router().route(ex -> {
            received.add(ex.path() + " " + ex.body());
            ex.empty(202);
        }, "/internal/launch", "/internal/ack");
        io.plumbery.runtime.http.HttpServer fake = open.keep(new io.plumbery.runtime.http.HttpServer("fake", "127.0.0.46", 0,
                router));
        fake.start();
        String register = "{\"agent_info\":{\"hostname\":\"legacy\",\"port\":5051,\"resources\":"
                + Json.write(io.plumbery.runtime.protocol.ResourceSpec.parseResources("cpus:2;mem:512").toProto(null))
                + "},\"endpoint\":\"127.0.0.46:" + fake.port() + "\",\"version\":\"1.11.0\",\"tasks\":[]}";
        assertThat(Cluster.post(endpoint, "/internal/agent/register", register).statusCode()).isEqualTo(200);
        SchedulerClient scheduler = open.keep(new SchedulerClient(endpoint));
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("legacy-fw", null, 60, false));
        scheduler.launch(scheduler.awaitOffer(10), "single-1", "true", 0.1, 32);
        String launch = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(launch).startsWith("/internal/launch {").contains("\"task\":{").doesNotContain("\"launches\"");
    }

    @Test
    void unacknowledgedUpdatesAreResent() throws Exception {
        MasterServer master = open.keep(Cluster.master("127.0.0.37", null, dir.resolve("m")));
        String endpoint = master.info().endpoint();
        AgentServer agent = open.keep(Cluster.agent("127.0.0.38", endpoint, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(10)).until(agent::isRegistered);
        SchedulerClient scheduler = open.keep(new SchedulerClient(endpoint));
        scheduler.autoAck(false);
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("ack-fw", null, 60, false));
        scheduler.launch(scheduler.awaitOffer(10), "quick-1", "true", 0.1, 32);
        JsonNode finished = scheduler.awaitUpdate("quick-1", "TASK_FINISHED", 10);
        String uuid = finished.path("uuid").asText();
        // Not acknowledged: the agent re-sends the same update (retry interval 2 s in these tests).
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.events.stream()
                .filter(e -> e.path("update").path("status").path("uuid").asText().equals(uuid)).count() >= 2);
        ObjectNode ack = scheduler.call("ACKNOWLEDGE");
        ObjectNode a = ack.putObject("acknowledge");
        a.set("agent_id", finished.path("agent_id"));
        a.set("task_id", finished.path("task_id"));
        a.put("uuid", uuid);
        assertThat(scheduler.post(ack)).isEqualTo(202);
        JsonNode tasks = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_TASKS\"}").body());
        await().atMost(Duration.ofSeconds(5)).until(() -> Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1",
                "{\"type\":\"GET_TASKS\"}").body()).path("get_tasks").path("completed_tasks").toString().contains("quick-1"));
        assertThat(tasks.path("type").asText()).isEqualTo("GET_TASKS");
    }
}
