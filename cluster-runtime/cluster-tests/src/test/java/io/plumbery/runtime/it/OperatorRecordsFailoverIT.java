package io.plumbery.runtime.it;

import static io.plumbery.runtime.it.OperatorCalls.answer;
import static io.plumbery.runtime.it.OperatorCalls.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator decided survives the leader, as Mesos keeps it in its registry: a role's weight, its quota, a
 * maintenance schedule and a deactivated agent are what the next leader answers and does, once the agent is back.
 */
class OperatorRecordsFailoverIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    private MasterServer master(String ip, String zk) throws Exception {
        MasterServer master = new MasterServer(MasterConfig.defaults(ip, 0, zk, dir.resolve(ip))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(15), Duration.ofSeconds(30)));
        master.start();
        return open.keep(master);
    }

    @Test
    void weightsQuotaScheduleAndADeactivatedAgentOutliveTheLeader() throws Exception {
        TestingServer zk = open.keep(new TestingServer(Cluster.freePort("127.0.0.1"), true));
        String url = "zk://" + zk.getConnectString() + "/mesos";
        List<MasterServer> masters = new ArrayList<>(List.of(master("127.0.0.71", url), master("127.0.0.72", url)));
        await().atMost(Duration.ofSeconds(15)).until(() -> masters.stream().anyMatch(MasterServer::isLeader));
        MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        AgentServer agent = open.keep(Cluster.agent("127.0.0.75", url, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
        String agentId = agent.agentId().orElseThrow();
        String ep = leader.info().endpoint();

        String weights = "[{\"role\":\"analytics\",\"weight\":2.5}]";
        String quota = "{\"role\":\"analytics\",\"guarantees\":{\"cpus\":{\"value\":1.0}},\"limits\":{\"cpus\":{\"value\":2.0}}}";
        String schedule = "{\"windows\":[{\"machine_ids\":[{\"hostname\":\"spare\",\"ip\":\"127.0.0.79\"}],"
                + "\"unavailability\":{\"start\":{\"nanoseconds\":4102444800000000000}}}]}";
        for (String call : List.of(
                "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":" + weights + "}}",
                "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[" + quota + "]}}",
                "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\",\"update_maintenance_schedule\":{\"schedule\":" + schedule + "}}",
                "{\"type\":\"DEACTIVATE_AGENT\",\"deactivate_agent\":{\"agent_id\":{\"value\":\"" + agentId + "\"}}}")) {
            assertThat(answer(Cluster.post(ep, "/api/v1", call))).as(call).isEqualTo("200 ");
        }

        leader.close();
        masters.remove(leader);
        MasterServer next = masters.get(0);
        await().atMost(Duration.ofSeconds(20)).until(next::isLeader);
        String nextEp = next.info().endpoint();
        assertThat(v1(nextEp, "{\"type\":\"GET_WEIGHTS\"}").path("get_weights").path("weight_infos").toString())
                .isEqualTo(weights);
        assertThat(v1(nextEp, "{\"type\":\"GET_QUOTA\"}").path("get_quota").toString())
                .contains("\"role\":\"analytics\"").contains("\"guarantees\"");
        assertThat(v1(nextEp, "{\"type\":\"GET_MAINTENANCE_SCHEDULE\"}").path("get_maintenance_schedule")
                .path("schedule").toString()).contains("127.0.0.79");
        await().atMost(Duration.ofSeconds(20)).until(() -> v1(nextEp, "{\"type\":\"GET_AGENTS\"}")
                .path("get_agents").path("agents").size() == 1);
        JsonNode back = v1(nextEp, "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents").get(0);
        assertThat(back.path("deactivated").asBoolean()).as(back.toString()).isTrue();
    }
}
