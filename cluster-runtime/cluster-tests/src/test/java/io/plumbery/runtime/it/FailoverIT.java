package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Three masters in ZooKeeper: Mesos's znode layout, redirects, and a leader failover that loses no running task. */
class FailoverIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void leaderFailsOverAndRunningTaskSurvives() throws Exception {
        TestingServer zk = open.keep(new TestingServer(Cluster.freePort("127.0.0.1"), true));
        String url = "zk://" + zk.getConnectString() + "/mesos";
        List<MasterServer> masters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            masters.add(open.keep(Cluster.master("127.0.0." + (10 + i), url, dir.resolve("m" + i))));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> masters.stream().filter(MasterServer::isLeader).count() == 1);
        MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();

        // Mesos's layout: ephemeral sequential json.info_ znodes with MasterInfo JSON; the lowest leads.
        CuratorFramework client = open.keep(Zk.client(zk.getConnectString(), 4000));
        client.start();
        List<String> nodes = Zk.contenders(client.getChildren().forPath("/mesos"));
        assertThat(nodes).hasSize(3).allMatch(n -> n.matches("json\\.info_\\d{10}"));
        MasterInfo lowest = Json.read(client.getData().forPath("/mesos/" + nodes.get(0)), MasterInfo.class);
        assertThat(lowest.id()).isEqualTo(leader.info().id());
        assertThat(lowest.ip()).isEqualTo(MasterInfo.ipToUint32(leader.info().address().ip()));

        // A non-leader redirects to the leader.
        MasterServer follower = masters.stream().filter(m -> !m.isLeader()).findFirst().orElseThrow();
        String followerEndpoint = follower.info().endpoint();
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.leader().isPresent());
        HttpResponse<String> redirect = Cluster.get(followerEndpoint, "/master/redirect");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).hasValue("//" + leader.info().hostname() + ":" + leader.port());
        assertThat(Cluster.get(followerEndpoint, "/master/state").headers().firstValue("Location"))
                .hasValue("//" + leader.info().hostname() + ":" + leader.port() + "/master/state");
        JsonNode followerMetrics = Json.MAPPER.readTree(Cluster.get(followerEndpoint, "/metrics/snapshot").body());
        assertThat(followerMetrics.path("master/elected").asInt()).isZero();

        AgentServer agent = open.keep(Cluster.agent("127.0.0.21", url, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);

        // The scheduler subscribes through a follower (307 to the leader) and starts a long task.
        SchedulerClient scheduler = open.keep(new SchedulerClient(followerEndpoint));
        scheduler.subscribe(followerEndpoint, SchedulerClient.frameworkInfo("failover-fw", null, 3600, false));
        assertThat(scheduler.master()).isEqualTo(leader.info().endpoint());
        String frameworkId = scheduler.frameworkId();
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, "long-1", "sleep 300", 0.5, 64);
        scheduler.awaitUpdate("long-1", "TASK_RUNNING", 10);
        String agentId = agent.agentId().orElseThrow();

        // Kill the leader.
        long killed = System.nanoTime();
        leader.close();
        open.forget(leader);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> masters.stream().filter(m -> m != leader).anyMatch(MasterServer::isLeader));
        long electedMillis = (System.nanoTime() - killed) / 1_000_000;
        MasterServer newLeader = masters.stream().filter(m -> m != leader && m.isLeader()).findFirst().orElseThrow();
        String newEndpoint = newLeader.info().endpoint();
        assertThat(electedMillis).isLessThan(10_000);

        // The agent re-registers with the same id and its running task.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> agent.isRegistered() && newEndpoint.equals(agent.registeredWith()));
        assertThat(agent.agentId()).hasValue(agentId);
        JsonNode tasks = Json.MAPPER.readTree(Cluster.get(newEndpoint, "/master/tasks").body()).path("tasks");
        assertThat(tasks.toString()).contains("\"long-1\"", "TASK_RUNNING");

        // The scheduler re-subscribes with its FrameworkID and reconciles: the task is still running.
        scheduler.close();
        SchedulerClient again = open.keep(new SchedulerClient(newEndpoint));
        again.subscribe(newEndpoint, SchedulerClient.frameworkInfo("failover-fw", frameworkId, 3600, false));
        assertThat(again.frameworkId()).isEqualTo(frameworkId);
        ObjectNode reconcile = again.call("RECONCILE");
        reconcile.putObject("reconcile").putArray("tasks");
        assertThat(again.post(reconcile)).isEqualTo(202);
        JsonNode status = again.awaitUpdate("long-1", "TASK_RUNNING", 10);
        assertThat(status.path("agent_id").path("value").asText()).isEqualTo(agentId);
        Optional<MasterInfo> seenByFollower = masters.stream().filter(m -> m != leader && m != newLeader)
                .findFirst().orElseThrow().leader();
        await().atMost(Duration.ofSeconds(5)).until(() -> masters.stream().filter(m -> m != leader && m != newLeader)
                .findFirst().orElseThrow().leader().map(MasterInfo::id).orElse("").equals(newLeader.info().id()));
        assertThat(seenByFollower).isNotNull();

        // The task can still be killed through the new leader.
        ObjectNode kill = again.call("KILL");
        kill.putObject("kill").putObject("task_id").put("value", "long-1");
        again.post(kill);
        again.awaitUpdate("long-1", "TASK_KILLED", 10);
        System.out.printf("failover: new leader elected %d ms after the old one stopped%n", electedMillis);
    }
}
