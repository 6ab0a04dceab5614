package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static io.plumbery.runtime.it.OperatorCalls.answer;
import static io.plumbery.runtime.it.OperatorCalls.v1;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance and agent draining against a real master, agent and v1 scheduler, through v1 calls and v0 endpoints. */
class MaintenanceIT {
    private static final String MACHINE = "{\"hostname\":\"127.0.0.2\",\"ip\":\"127.0.0.2\"}";
    private static final long START = System.currentTimeMillis() * 1_000_000L + 3_600_000_000_000L;
    private static final String SCHEDULE = "{\"windows\":[{\"machine_ids\":[" + MACHINE + "],"
            + "\"unavailability\":{\"start\":{\"nanoseconds\":" + START + "}}}]}";

    @Test
    void legacyEndpointsScheduleDrainDownAndUpAMachine(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("maint", null, 60, true))) {
            SchedulerClient s = c.scheduler();
            String ep = c.endpoint();
            s.launch(s.awaitOffer(10), "sleeper", "sleep 300", 0.5, 64);
            s.awaitUpdate("sleeper", "TASK_RUNNING", 20);

            assertThat(answer(Cluster.post(ep, "/master/machine/down", "[" + MACHINE + "]")))
                    .isEqualTo("400 Machine '" + MACHINE + "' is not part of a maintenance schedule");
            assertThat(answer(Cluster.post(ep, "/master/maintenance/schedule", SCHEDULE))).isEqualTo("200 ");
            assertThat(Json.parse(Cluster.get(ep, "/master/maintenance/schedule").body())).isEqualTo(Json.parse(SCHEDULE));

            JsonNode inverse = s.await(e -> e.path("type").asText().equals("INVERSE_OFFERS"), 10)
                    .path("inverse_offers").path("inverse_offers").get(0);
            assertThat(inverse.path("agent_id").path("value").asText()).isEqualTo(c.agent().agentId().orElseThrow());
            assertThat(inverse.path("unavailability").path("start").path("nanoseconds").asLong()).isEqualTo(START);
            int scheduled = s.events.size();
            s.decline(s.awaitOffer(10));
            JsonNode offer = s.await(e -> s.events.indexOf(e) >= scheduled && e.path("type").asText().equals("OFFERS"),
                    10).path("offers").path("offers").get(0);
            assertThat(offer.path("unavailability").path("start").path("nanoseconds").asLong()).isEqualTo(START);
            ObjectNode decline = s.call("DECLINE_INVERSE_OFFERS");
            decline.putObject("decline_inverse_offers").putArray("inverse_offer_ids").add(inverse.path("id"));
            assertThat(s.post(decline)).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode draining = Json.parse(Cluster.get(ep, "/master/maintenance/status").body())
                        .path("draining_machines").get(0);
                assertThat(draining.path("id")).isEqualTo(Json.parse(MACHINE));
                assertThat(draining.path("statuses").get(0).path("status").asText()).isEqualTo("DECLINE");
                assertThat(draining.path("statuses").get(0).path("framework_id").path("value").asText())
                        .isEqualTo(s.frameworkId());
            });

            assertThat(answer(Cluster.post(ep, "/master/machine/up", "[" + MACHINE + "]")))
                    .isEqualTo("400 Machine '" + MACHINE + "' is not in DOWN mode and cannot be brought up");
            assertThat(answer(Cluster.post(ep, "/master/machine/down", "[" + MACHINE + "]"))).isEqualTo("200 ");
            JsonNode gone = s.awaitUpdate("sleeper", "TASK_GONE_BY_OPERATOR", 10);
            assertThat(gone.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED_BY_OPERATOR");
            assertThat(gone.path("message").asText()).isEqualTo("Operator initiated 'Machine DOWN'");
            assertThat(Json.parse(Cluster.get(ep, "/master/maintenance/status").body()))
                    .isEqualTo(Json.parse("{\"down_machines\":[" + MACHINE + "]}"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> slaves(ep) == 0);

            assertThat(answer(Cluster.post(ep, "/master/machine/up", "[" + MACHINE + "]"))).isEqualTo("200 ");
            await().atMost(Duration.ofSeconds(15)).until(() -> slaves(ep) == 1);
            assertThat(Cluster.get(ep, "/master/maintenance/schedule").body()).isEqualTo("{}");
            assertThat(Cluster.get(ep, "/master/maintenance/status").body()).isEqualTo("{}");
        }
    }

    @Test
    void v1CallsInJsonAndProtobufTakeAMachineDownAndUp(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("maint", null, 60, true))) {
            String ep = c.endpoint();
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\","
                    + "\"update_maintenance_schedule\":{\"schedule\":" + SCHEDULE + "}}"))).isEqualTo("200 ");

            Response schedule = Response.parseFrom(protobuf(ep, Call.newBuilder()
                    .setType(Call.Type.GET_MAINTENANCE_SCHEDULE).build()).body());
            assertThat(schedule.getGetMaintenanceSchedule().getSchedule().getWindows(0).getMachineIds(0).getIp())
                    .isEqualTo("127.0.0.2");
            HttpResponse<byte[]> down = protobuf(ep, Call.newBuilder().setType(Call.Type.START_MAINTENANCE)
                    .setStartMaintenance(Call.StartMaintenance.newBuilder().addMachines(
                            org.apache.mesos.v1.Protos.MachineID.newBuilder().setHostname("127.0.0.2").setIp("127.0.0.2")))
                    .build());
            assertThat(down.statusCode()).isEqualTo(200);
            JsonNode status = v1(ep, "{\"type\":\"GET_MAINTENANCE_STATUS\"}");
            assertThat(status.path("get_maintenance_status").path("status").path("down_machines"))
                    .isEqualTo(Json.parse("[" + MACHINE + "]"));
            await().atMost(Duration.ofSeconds(5)).until(() -> slaves(ep) == 0);

            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"STOP_MAINTENANCE\",\"stop_maintenance\":"
                    + "{\"machines\":[" + MACHINE + "]}}"))).isEqualTo("200 ");
            await().atMost(Duration.ofSeconds(15)).until(() -> slaves(ep) == 1);
            assertThat(v1(ep, "{\"type\":\"GET_MAINTENANCE_SCHEDULE\"}").path("get_maintenance_schedule")
                    .path("schedule")).isEqualTo(Json.object());
        }
    }

    @Test
    void drainAgentKillsItsTasksEndsDrainedAndOffersNothingUntilReactivated(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = withRunningTask(dir, "worker")) {
            SchedulerClient s = c.scheduler();
            String ep = c.endpoint();
            String agentId = c.agent().agentId().orElseThrow();

            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":"
                    + "{\"value\":\"" + agentId + "\"},\"max_grace_period\":{\"nanoseconds\":1000000000}}}")))
                    .isEqualTo("200 ");
            assertThat(s.awaitUpdate("worker", "TASK_KILLED", 10).path("reason").asText())
                    .isEqualTo("REASON_AGENT_DRAINING");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode agent = v1(ep, "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents").get(0);
                assertThat(agent.path("deactivated").asBoolean()).isTrue();
                assertThat(agent.path("drain_info").path("state").asText()).isEqualTo("DRAINED");
                assertThat(agent.path("drain_info").path("config").path("max_grace_period").path("nanoseconds").asLong())
                        .isEqualTo(1_000_000_000L);
            });
            JsonNode slave = Json.parse(Cluster.get(ep, "/master/slaves").body()).path("slaves").get(0);
            assertThat(slave.path("active").asBoolean()).isFalse();
            assertThat(slave.path("drain_info").path("state").asText()).isEqualTo("DRAINED");
            int seen = s.events.size();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> s.events.subList(seen, s.events.size()).stream()
                            .noneMatch(e -> e.path("type").asText().equals("OFFERS")));

            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":"
                    + "{\"value\":\"nope\"}}}"))).isEqualTo("400 Unknown agent");
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"REACTIVATE_AGENT\",\"reactivate_agent\":"
                    + "{\"agent_id\":{\"value\":\"" + agentId + "\"}}}"))).isEqualTo("200 ");
            s.await(e -> s.events.indexOf(e) >= seen && e.path("type").asText().equals("OFFERS"), 10);
            assertThat(v1(ep, "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents").get(0).has("drain_info"))
                    .isFalse();
        }
    }

    @Test
    void markAgentGoneEndsItsTasksAndKeepsItOut(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = withRunningTask(dir, "doomed")) {
            SchedulerClient s = c.scheduler();
            String ep = c.endpoint();
            String agentId = c.agent().agentId().orElseThrow();
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":"
                    + "{\"agent_id\":{\"value\":\"nope\"}}}"))).isEqualTo("404 Agent 'nope' not found");
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":"
                    + "{\"agent_id\":{\"value\":\"" + agentId + "\"}}}"))).isEqualTo("200 ");
            JsonNode status = s.awaitUpdate("doomed", "TASK_GONE_BY_OPERATOR", 10);
            assertThat(status.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED_BY_OPERATOR");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> slaves(ep) == 0);
        }
    }

    /** A cluster whose partition-aware framework runs one long task. */
    private static SingleAgentCluster withRunningTask(Path dir, String taskId) throws Exception {
        SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo(taskId, null, 60, true));
        c.scheduler().launch(c.scheduler().awaitOffer(10), taskId, "sleep 300", 0.5, 64);
        c.scheduler().awaitUpdate(taskId, "TASK_RUNNING", 20);
        return c;
    }

    private static int slaves(String ep) throws Exception {
        return Json.parse(Cluster.get(ep, "/master/slaves").body()).path("slaves").size();
    }

    private static HttpResponse<byte[]> protobuf(String ep, Call call) throws Exception {
        return Cluster.HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ep + "/api/v1"))
                .header("Content-Type", "application/x-protobuf").header("Accept", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
