package io.plumbery.runtime.it;

import static io.plumbery.runtime.it.OperatorCalls.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduler SHUTDOWN, MESSAGE, REQUEST, operations the master refuses, and the operator's teardown. */
class FrameworkCallsIT {

    @Test
    void unsupportedOperationsAreAnsweredAndTheirResourcesComeBack(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("ops", null, 60, true))) {
            SchedulerClient s = c.scheduler();
            JsonNode offer = s.awaitOffer(10);
            s.consumed(offer);
            ObjectNode call = s.call("ACCEPT");
            ObjectNode accept = call.putObject("accept");
            accept.putArray("offer_ids").add(offer.path("id"));
            ObjectNode group = accept.putArray("operations").addObject().put("type", "LAUNCH_GROUP");
            ObjectNode task = group.putObject("launch_group").putObject("task_group").putArray("tasks").addObject();
            task.put("name", "grouped").putObject("task_id").put("value", "grouped");
            task.set("agent_id", offer.path("agent_id"));
            ObjectNode reserve = ((com.fasterxml.jackson.databind.node.ArrayNode) accept.get("operations")).addObject()
                    .put("type", "RESERVE");
            reserve.putObject("id").put("value", "op-1");
            reserve.putObject("reserve").putArray("resources");
            accept.putObject("filters").put("refuse_seconds", 0.0);
            assertThat(s.post(call)).isEqualTo(202);

            JsonNode error = s.awaitUpdate("grouped", "TASK_ERROR", 10);
            assertThat(error.path("reason").asText()).isEqualTo("REASON_TASK_GROUP_INVALID");
            JsonNode status = s.await(e -> e.path("type").asText().equals("UPDATE_OPERATION_STATUS"), 10)
                    .path("update_operation_status").path("status");
            assertThat(status.path("operation_id").path("value").asText()).isEqualTo("op-1");
            assertThat(status.path("state").asText()).isEqualTo("OPERATION_ERROR");
            assertThat(s.awaitOffer(4.0, 4096, 10)).isNotNull();
        }
    }

    @Test
    void shutdownKillsTheCommandExecutorsTaskMessageAndRequestAreAccepted(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("sd", null, 60, true))) {
            SchedulerClient s = c.scheduler();
            JsonNode offer = s.awaitOffer(10);
            s.launch(offer, "long", "sleep 300", 0.5, 64);
            s.awaitUpdate("long", "TASK_RUNNING", 20);

            ObjectNode message = s.call("MESSAGE");
            ObjectNode m = message.putObject("message");
            m.set("agent_id", offer.path("agent_id"));
            m.putObject("executor_id").put("value", "long");
            m.put("data", "aGVsbG8=");
            assertThat(s.post(message)).isEqualTo(202);
            ObjectNode request = s.call("REQUEST");
            request.putObject("request").putArray("requests");
            assertThat(s.post(request)).isEqualTo(202);

            ObjectNode shutdown = s.call("SHUTDOWN");
            ObjectNode sd = shutdown.putObject("shutdown");
            sd.set("agent_id", offer.path("agent_id"));
            sd.putObject("executor_id").put("value", "long");
            assertThat(s.post(shutdown)).isEqualTo(202);
            s.awaitUpdate("long", "TASK_KILLED", 10);
        }
    }

    @Test
    void operatorTeardownRemovesTheFramework(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("td", null, 60, true))) {
            String ep = c.endpoint();
            assertThat(answer(Cluster.post(ep, "/master/teardown", "frameworkId=nope")))
                    .isEqualTo("400 No framework found with specified ID");
            assertThat(answer(Cluster.post(ep, "/master/teardown", "")))
                    .isEqualTo("400 Missing 'frameworkId' query parameter in the request body");
            assertThat(answer(Cluster.post(ep, "/master/teardown", "frameworkId=" + c.scheduler().frameworkId())))
                    .isEqualTo("200 ");
            JsonNode frameworks = Json.parse(Cluster.get(ep, "/master/frameworks").body());
            assertThat(frameworks.path("frameworks")).isEmpty();
            assertThat(frameworks.path("completed_frameworks").get(0).path("id").asText())
                    .isEqualTo(c.scheduler().frameworkId());
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":"
                    + "{\"value\":\"nope\"}}}"))).isEqualTo("400 No framework found with specified ID");
        }
    }
}
