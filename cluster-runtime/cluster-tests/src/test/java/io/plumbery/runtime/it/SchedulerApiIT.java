package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;


/** A v1 scheduler against one master and one agent found through ZooKeeper, all on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerApiIT {
    @TempDir
    static Path dir;
    MasterServer master;
    AgentServer agent;
    SchedulerClient scheduler;
    String endpoint;
    SingleAgentCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = SingleAgentCluster.start(dir, SchedulerClient.withCapability(
                SchedulerClient.frameworkInfo("it-framework", null, 60, true), "TASK_KILLING_STATE"));
        master = cluster.master();
        agent = cluster.agent();
        scheduler = cluster.scheduler();
        endpoint = cluster.endpoint();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void subscribeGivesFrameworkIdHeartbeatAndMasterInfo() throws Exception {
        JsonNode subscribed = scheduler.await(e -> e.path("type").asText().equals("SUBSCRIBED"), 5);
        assertThat(subscribed.path("subscribed").path("framework_id").path("value").asText()).isNotBlank();
        assertThat(subscribed.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(15.0);
        assertThat(subscribed.path("subscribed").path("master_info").path("port").asInt()).isEqualTo(master.port());
        assertThat(subscribed.path("subscribed").path("master_info").path("ip").asLong()).isEqualTo(16777343L);
        scheduler.await(e -> e.path("type").asText().equals("HEARTBEAT"), 5);
        assertThat(scheduler.streamId()).isNotBlank();
    }

    @Test
    void offerCarriesAgentResourcesAndAttributes() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        assertThat(offer.path("agent_id").path("value").asText()).isEqualTo(agent.agentId().orElseThrow());
        assertThat(offer.path("hostname").asText()).isEqualTo("127.0.0.2");
        assertThat(offer.path("attributes").get(0).path("name").asText()).isEqualTo("rack");
        boolean hasPorts = false;
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals("ports")) {
                hasPorts = r.path("type").asText().equals("RANGES")
                        && r.path("ranges").path("range").get(0).path("begin").asLong() >= 31000;
            }
            if (r.path("name").asText().equals("cpus")) {
                assertThat(r.path("type").asText()).isEqualTo("SCALAR");
                assertThat(r.path("scalar").path("value").asDouble()).isPositive();
                assertThat(r.path("allocation_info").path("role").asText()).isEqualTo("*");
            }
        }
        assertThat(hasPorts).isTrue();
    }

    @Test
    void shellTaskRunsToFinishedWithSandboxAndEnvironment() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        assertThat(scheduler.launch(offer, "echo-1", "echo $GREETING $MESOS_TASK_ID", 0.1, 32)).isEqualTo(202);
        JsonNode running = scheduler.awaitUpdate("echo-1", "TASK_RUNNING", 10);
        assertThat(running.path("uuid").asText()).isNotBlank();
        assertThat(running.path("source").asText()).isEqualTo("SOURCE_EXECUTOR");
        JsonNode finished = scheduler.awaitUpdate("echo-1", "TASK_FINISHED", 10);
        assertThat(finished.path("agent_id").path("value").asText()).isEqualTo(agent.agentId().orElseThrow());
        try (Stream<Path> files = Files.walk(dir.resolve("agent"))) {
            Path stdout = files.filter(p -> p.endsWith("stdout") && p.toString().contains("echo-1")).findFirst().orElseThrow();
            assertThat(Files.readString(stdout)).isEqualTo("hello echo-1\n");
        }
    }

    @Test
    void fetcherBringsUrisIntoTheSandbox() throws Exception {
        Path src = dir.resolve("fetch-src");
        Files.createDirectories(src.resolve("data"));
        Files.writeString(src.resolve("data/hello.txt"), "from the archive\n");
        Process tar = new ProcessBuilder("tar", "-czf", dir.resolve("bundle.tar.gz").toString(), "-C", src.toString(),
                "data").start();
        assertThat(tar.waitFor()).isZero();
        io.plumbery.runtime.http.HttpServer files = new io.plumbery.runtime.http.HttpServer("files", "127.0.0.3", 0,
                new io.plumbery.runtime.http.Router().route(ex -> ex.text(200, "#!/bin/sh\necho script ran\n"), "/run.sh"));
        files.start();
        try {
            com.fasterxml.jackson.databind.node.ArrayNode uris = Json.MAPPER.createArrayNode();
            uris.addObject().put("value", "http://127.0.0.3:" + files.port() + "/run.sh").put("executable", true);
            uris.addObject().put("value", "file://" + dir.resolve("bundle.tar.gz")).put("extract", true);
            scheduler.launch(scheduler.awaitOffer(10), "fetch-1", "./run.sh && cat data/hello.txt", 0.1, 32, uris);
            scheduler.awaitUpdate("fetch-1", "TASK_FINISHED", 20);
            try (Stream<Path> walk = Files.walk(dir.resolve("agent"))) {
                Path stdout = walk.filter(p -> p.endsWith("stdout") && p.toString().contains("fetch-1")).findFirst().orElseThrow();
                assertThat(Files.readString(stdout)).isEqualTo("script ran\nfrom the archive\n");
            }
            com.fasterxml.jackson.databind.node.ArrayNode missing = Json.MAPPER.createArrayNode();
            missing.addObject().put("value", "http://127.0.0.3:" + files.port() + "/absent.sh");
            scheduler.launch(scheduler.awaitOffer(10), "fetch-2", "true", 0.1, 32, missing);
            JsonNode failed = scheduler.awaitUpdate("fetch-2", "TASK_FAILED", 20);
            assertThat(failed.path("message").asText()).contains("Failed to fetch", "absent.sh");
        } finally {
            files.close();
        }
    }

    @Test
    void healthChecksReportHealthAndKillUnhealthyTasks() throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            scheduler.launch(scheduler.awaitOffer(10), "healthy-1", "sleep 300", 0.1, 32, task -> task
                    .putObject("health_check").put("type", "TCP").put("delay_seconds", 0).put("interval_seconds", 0.2)
                    .put("grace_period_seconds", 0).putObject("tcp").put("port", listening.getLocalPort()));
            JsonNode healthy = scheduler.await(e -> e.path("update").path("status").path("task_id").path("value")
                    .asText().equals("healthy-1") && e.path("update").path("status").has("healthy"), 10)
                    .path("update").path("status");
            assertThat(healthy.path("healthy").asBoolean()).isTrue();
            assertThat(healthy.path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(healthy.path("reason").asText()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
        }
        scheduler.launch(scheduler.awaitOffer(10), "sick-1", "sleep 300", 0.1, 32, task -> task
                .putObject("health_check").put("type", "COMMAND").put("delay_seconds", 0).put("interval_seconds", 0.2)
                .put("grace_period_seconds", 0).put("consecutive_failures", 2).putObject("command").put("value", "exit 1"));
        JsonNode killed = scheduler.awaitUpdate("sick-1", "TASK_KILLED", 15);
        assertThat(killed.path("healthy").asBoolean(true)).isFalse();
        assertThat(killed.path("reason").asText()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
        ObjectNode kill = scheduler.call("KILL");
        kill.putObject("kill").putObject("task_id").put("value", "healthy-1");
        scheduler.post(kill);
        scheduler.awaitUpdate("healthy-1", "TASK_KILLED", 10);
    }

    @Test
    void nullOptionalFieldsAreAbsentAsInMesos() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        int status = scheduler.launch(offer, "nulls-1", "sleep 300", 0.1, 32, task -> {
            task.putNull("executor").putNull("container").putNull("health_check").putNull("kill_policy")
                    .putNull("labels").putNull("discovery").putNull("data");
            ((ObjectNode) task.get("command")).putNull("uris").putNull("user").putNull("arguments");
        });
        assertThat(status).isEqualTo(202);
        JsonNode running = scheduler.awaitUpdate("nulls-1", "TASK_RUNNING", 10);
        assertThat(running.path("source").asText()).isEqualTo("SOURCE_EXECUTOR");

        ObjectNode kill = scheduler.call("KILL");
        kill.putObject("kill").putObject("task_id").put("value", "nulls-1");
        kill.with("kill").putNull("agent_id").putNull("kill_policy");
        assertThat(scheduler.post(kill)).isEqualTo(202);
        scheduler.awaitUpdate("nulls-1", "TASK_KILLED", 10);
    }

    @Test
    void failingCommandIsTaskFailed() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, "fail-1", "exit 3", 0.1, 32);
        JsonNode failed = scheduler.awaitUpdate("fail-1", "TASK_FAILED", 10);
        assertThat(failed.path("message").asText()).contains("status 3");
        assertThat(failed.path("reason").asText()).isEqualTo("REASON_COMMAND_EXECUTOR_FAILED");
    }

    @Test
    void longTaskIsKilledAndReconciled() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, "sleep-1", "sleep 300", 0.5, 64);
        scheduler.awaitUpdate("sleep-1", "TASK_RUNNING", 10);

        ObjectNode reconcile = scheduler.call("RECONCILE");
        reconcile.putObject("reconcile").putArray("tasks").addObject().putObject("task_id").put("value", "sleep-1");
        assertThat(scheduler.post(reconcile)).isEqualTo(202);
        JsonNode reconciled = scheduler.await(e -> e.path("update").path("status").path("reason").asText()
                .equals("REASON_RECONCILIATION") && e.path("update").path("status").path("task_id").path("value")
                .asText().equals("sleep-1"), 5).path("update").path("status");
        assertThat(reconciled.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(reconciled.has("uuid")).isFalse();

        HttpResponse<String> tasks = Cluster.get(endpoint, "/master/tasks");
        assertThat(Json.MAPPER.readTree(tasks.body()).path("tasks").toString()).contains("\"sleep-1\"", "TASK_RUNNING");

        ObjectNode kill = scheduler.call("KILL");
        kill.putObject("kill").putObject("task_id").put("value", "sleep-1");
        assertThat(scheduler.post(kill)).isEqualTo(202);
        scheduler.awaitUpdate("sleep-1", "TASK_KILLING", 10);
        JsonNode killed = scheduler.awaitUpdate("sleep-1", "TASK_KILLED", 10);
        assertThat(killed.path("task_id").path("value").asText()).isEqualTo("sleep-1");
    }

    @Test
    void reconcilingAnUnknownTaskAnswersTaskUnknownForPartitionAwareFrameworks() throws Exception {
        ObjectNode reconcile = scheduler.call("RECONCILE");
        reconcile.putObject("reconcile").putArray("tasks").addObject().putObject("task_id").put("value", "no-such-task");
        scheduler.post(reconcile);
        JsonNode status = scheduler.awaitUpdate("no-such-task", "TASK_UNKNOWN", 5);
        assertThat(status.path("reason").asText()).isEqualTo("REASON_RECONCILIATION");
    }

    @Test
    void acceptingAnUnknownOfferDropsTheTask() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        ObjectNode fake = offer.deepCopy();
        fake.putObject("id").put("value", "not-an-offer");
        scheduler.launch(fake, "dropped-1", "true", 0.1, 32);
        JsonNode dropped = scheduler.awaitUpdate("dropped-1", "TASK_DROPPED", 5);
        assertThat(dropped.path("reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
        assertThat(dropped.path("source").asText()).isEqualTo("SOURCE_MASTER");
    }

    @Test
    void taskAskingForMoreThanTheOfferIsTaskError() throws Exception {
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, "greedy-1", "true", 64, 32);
        JsonNode error = scheduler.awaitUpdate("greedy-1", "TASK_ERROR", 5);
        assertThat(error.path("reason").asText()).isEqualTo("REASON_TASK_INVALID");
    }

    @Test
    void updateFrameworkChangesItsInfo() throws Exception {
        ObjectNode info = SchedulerClient.withCapability(SchedulerClient.frameworkInfo("it-framework",
                scheduler.frameworkId(), 60, true), "TASK_KILLING_STATE").put("webui_url", "http://127.0.0.1:9/ui");
        ObjectNode update = scheduler.call("UPDATE_FRAMEWORK");
        update.putObject("update_framework").set("framework_info", info);
        assertThat(scheduler.post(update)).isEqualTo(200);
        JsonNode frameworks = Json.MAPPER.readTree(Cluster.get(endpoint, "/master/frameworks").body());
        assertThat(frameworks.path("frameworks").get(0).path("webui_url").asText()).isEqualTo("http://127.0.0.1:9/ui");
    }

    @Test
    void callsWithoutStreamIdAreRejected() throws Exception {
        HttpResponse<String> r = Cluster.post(endpoint, "/api/v1/scheduler",
                scheduler.call("REVIVE").toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Mesos-Stream-Id");
    }

    @Test
    void operatorEndpointsUseMesosShapes() throws Exception {
        JsonNode state = Json.MAPPER.readTree(Cluster.get(endpoint, "/master/state").body());
        assertThat(state.path("leader_info").path("port").asInt()).isEqualTo(master.port());
        assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);
        assertThat(state.path("slaves").get(0).path("resources").path("ports").asText()).isEqualTo("[31000-31100]");
        assertThat(state.path("frameworks").get(0).path("name").asText()).isEqualTo("it-framework");
        for (String alias : new String[] {"/state", "/state.json", "/master/state.json"}) {
            assertThat(Cluster.get(endpoint, alias).statusCode()).isEqualTo(200);
        }
        assertThat(Json.MAPPER.readTree(Cluster.get(endpoint, "/master/slaves").body()).path("slaves").size()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(Cluster.get(endpoint, "/master/frameworks").body()).path("frameworks").size()).isEqualTo(1);
        assertThat(Cluster.get(endpoint, "/master/health").statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(Cluster.get(endpoint, "/version").body()).path("version").asText()).isEqualTo("1.11.0");
        JsonNode metrics = Json.MAPPER.readTree(Cluster.get(endpoint, "/metrics/snapshot").body());
        assertThat(metrics.path("master/elected").asInt()).isEqualTo(1);
        assertThat(metrics.path("master/slaves_active").asInt()).isEqualTo(1);
        assertThat(metrics.path("master/frameworks_active").asInt()).isEqualTo(1);
        assertThat(metrics.has("master/tasks_running")).isTrue();
        JsonNode summary = Json.MAPPER.readTree(Cluster.get(endpoint, "/master/state-summary").body());
        assertThat(summary.path("slaves").get(0).has("TASK_RUNNING")).isTrue();
        assertThat(summary.path("frameworks").get(0).path("name").asText()).isEqualTo("it-framework");
        JsonNode roles = Json.MAPPER.readTree(Cluster.get(endpoint, "/master/roles").body());
        assertThat(roles.path("roles").get(0).path("name").asText()).isEqualTo("*");
        assertThat(Json.MAPPER.readTree(Cluster.get(endpoint, "/master/flags").body()).path("flags").path("zk").asText())
                .startsWith("zk://");
        HttpResponse<String> redirect = Cluster.get(endpoint, "/master/redirect");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + master.port());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void v1OperatorSubscribeStreamsStateThenTaskEvents() throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://" + endpoint + "/api/v1"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}")).build();
        HttpResponse<java.io.InputStream> response = Cluster.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (java.io.InputStream in = response.body()) {
            JsonNode subscribed = Json.MAPPER.readTree(io.plumbery.runtime.protocol.RecordIo.read(in));
            assertThat(subscribed.path("type").asText()).isEqualTo("SUBSCRIBED");
            assertThat(subscribed.path("subscribed").path("get_state").path("get_agents").path("agents").size()).isEqualTo(1);
            scheduler.launch(scheduler.awaitOffer(10), "watched-1", "true", 0.1, 32);
            List<String> seen = new java.util.ArrayList<>();
            while (!seen.contains("TASK_UPDATED:TASK_FINISHED")) {
                JsonNode event = Json.MAPPER.readTree(io.plumbery.runtime.protocol.RecordIo.read(in));
                String type = event.path("type").asText();
                if (type.equals("TASK_ADDED")) {
                    assertThat(event.path("task_added").path("task").path("task_id").path("value").asText()).isEqualTo("watched-1");
                    seen.add(type);
                } else if (type.equals("TASK_UPDATED")
                        && event.path("task_updated").path("status").path("task_id").path("value").asText().equals("watched-1")) {
                    seen.add(type + ":" + event.path("task_updated").path("state").asText());
                }
            }
            assertThat(seen).startsWith("TASK_ADDED").contains("TASK_UPDATED:TASK_RUNNING");
        }
    }

    @Test
    void v1OperatorApiAnswersMesosCalls() throws Exception {
        JsonNode health = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_HEALTH\"}").body());
        assertThat(health.path("get_health").path("healthy").asBoolean()).isTrue();
        JsonNode version = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_VERSION\"}").body());
        assertThat(version.path("get_version").path("version_info").path("version").asText()).isEqualTo("1.11.0");
        JsonNode agents = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_AGENTS\"}").body());
        assertThat(agents.path("get_agents").path("agents").get(0).path("agent_info").path("hostname").asText())
                .isEqualTo("127.0.0.2");
        JsonNode frameworks = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_FRAMEWORKS\"}").body());
        assertThat(frameworks.path("get_frameworks").path("frameworks").get(0).path("framework_info").path("name").asText())
                .isEqualTo("it-framework");
        JsonNode state = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_STATE\"}").body());
        assertThat(state.path("type").asText()).isEqualTo("GET_STATE");
        assertThat(state.path("get_state").has("get_tasks")).isTrue();
        assertThat(state.path("get_state").path("get_agents").path("agents").size()).isEqualTo(1);
        JsonNode tasks = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_TASKS\"}").body());
        assertThat(tasks.path("get_tasks").has("completed_tasks")).isTrue();
        JsonNode masterInfo = Json.MAPPER.readTree(Cluster.post(endpoint, "/api/v1", "{\"type\":\"GET_MASTER\"}").body());
        assertThat(masterInfo.path("get_master").path("master_info").path("address").path("port").asInt())
                .isEqualTo(master.port());
        JsonNode agentState = Json.MAPPER.readTree(Cluster.post("127.0.0.2:" + agent.port(), "/api/v1",
                "{\"type\":\"GET_STATE\"}").body());
        assertThat(agentState.path("get_state").path("get_tasks").has("launched_tasks")).isTrue();
        assertThat(Json.MAPPER.readTree(Cluster.get("127.0.0.2:" + agent.port(), "/state").body()).path("id").asText())
                .isEqualTo(agent.agentId().orElseThrow());
    }
}
