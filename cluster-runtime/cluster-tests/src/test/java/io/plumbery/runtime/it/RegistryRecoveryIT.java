package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.registry.Mark;
import io.plumbery.runtime.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new leader's recovery from the registry, as a framework sees it: explicit reconciliation of a task on an agent not
 * back yet gets no answer until the agent re-registers (then TASK_RUNNING); of a task on an agent that never comes
 * back, TASK_LOST (not partition-aware) once --agent_reregister_timeout marks it unreachable; a framework torn down
 * before the failover may not subscribe again. And a leader whose registry write is fenced off stops leading.
 */
class RegistryRecoveryIT {
    static final Duration REREGISTER = Duration.ofSeconds(5);
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    MasterServer master(String ip, String zk) throws Exception {
        MasterConfig config = MasterConfig.defaults(ip, 0, zk, dir.resolve(ip))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(15), Duration.ofSeconds(30))
                .withRegistry(RegistryConfig.defaults().withAgentReregisterTimeout(REREGISTER));
        MasterServer master = new MasterServer(config);
        master.start();
        return open.keep(master);
    }

    @Test
    void recoveringAgentsTasksAreAnsweredWhenTheyComeBackOrTimeOut() throws Exception {
        TestingServer zk = open.keep(new TestingServer(Cluster.freePort("127.0.0.1"), true));
        String url = "zk://" + zk.getConnectString() + "/mesos";
        List<MasterServer> masters = new ArrayList<>(List.of(master("127.0.0.61", url), master("127.0.0.62", url)));
        await().atMost(Duration.ofSeconds(15)).until(() -> masters.stream().anyMatch(MasterServer::isLeader));
        MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        AgentServer first = open.keep(Cluster.agent("127.0.0.65", url, dir.resolve("a")));
        AgentServer second = open.keep(Cluster.agent("127.0.0.66", url, dir.resolve("b")));
        await().atMost(Duration.ofSeconds(15)).until(() -> first.isRegistered() && second.isRegistered());

        SchedulerClient scheduler = open.keep(new SchedulerClient(leader.info().endpoint()));
        scheduler.subscribe(leader.info().endpoint(), SchedulerClient.frameworkInfo("registry-fw", null, 3600, false));
        String frameworkId = scheduler.frameworkId();
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, "kept-1", "sleep 300", 0.5, 64);
        scheduler.awaitUpdate("kept-1", "TASK_RUNNING", 10);
        String keptId = offer.path("agent_id").path("value").asText();
        AgentServer kept = first.agentId().orElseThrow().equals(keptId) ? first : second;
        AgentServer lost = kept == first ? second : first;
        String lostId = lost.agentId().orElseThrow();

        SchedulerClient removed = open.keep(new SchedulerClient(leader.info().endpoint()));
        removed.subscribe(leader.info().endpoint(), SchedulerClient.frameworkInfo("removed-fw", null, 3600, false));
        String removedId = removed.frameworkId();
        assertThat(removed.post(removed.call("TEARDOWN"))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> leader.core().registrar().current().orElseThrow()
                .removedFrameworks().stream().map(Mark::id).toList().contains(removedId));

        // the agent with the task stops as on SIGTERM (its task keeps running), the other for good; the leader goes
        kept.detach();
        lost.close();
        leader.close();
        open.forget(leader);
        MasterServer next = masters.get(1 - masters.indexOf(leader));
        await().atMost(Duration.ofSeconds(15)).until(next::isLeader);
        long elected = System.nanoTime();
        String endpoint = next.info().endpoint();

        SchedulerClient again = open.keep(new SchedulerClient(endpoint));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            again.subscribe(endpoint, SchedulerClient.frameworkInfo("registry-fw", frameworkId, 3600, false));
            return true;
        });
        ObjectNode reconcile = again.call("RECONCILE");
        ArrayNode tasks = reconcile.putObject("reconcile").putArray("tasks");
        tasks.addObject().<ObjectNode>set("task_id", task("kept-1")).set("agent_id", task(keptId));
        tasks.addObject().<ObjectNode>set("task_id", task("lost-1")).set("agent_id", task(lostId));
        assertThat(again.post(reconcile)).isEqualTo(202);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> again.events.stream().noneMatch(e -> e.path("type").asText().equals("UPDATE")));

        // the agent comes back with its task: the held reconciliation is answered with the task's state
        AgentServer back = open.keep(Cluster.agent(kept == first ? "127.0.0.65" : "127.0.0.66", url,
                dir.resolve(kept == first ? "a" : "b")));
        await().atMost(Duration.ofSeconds(15)).until(() -> back.isRegistered() && endpoint.equals(back.registeredWith()));
        JsonNode running = again.awaitUpdate("kept-1", "TASK_RUNNING", 10);
        assertThat(running.path("reason").asText()).isEqualTo("REASON_RECONCILIATION");

        // the other one never does: unreachable after the timeout, its task lost to a framework not partition-aware
        JsonNode lostTask = again.awaitUpdate("lost-1", "TASK_LOST", REREGISTER.toSeconds() + 10);
        long answeredMillis = (System.nanoTime() - elected) / 1_000_000;
        assertThat(answeredMillis).isGreaterThanOrEqualTo(REREGISTER.toMillis() - 500);
        assertThat(lostTask.path("message").asText()).isEqualTo("Reconciliation: Task is unreachable");
        assertThat(lostTask.path("unreachable_time").path("nanoseconds").asLong()).isPositive();
        again.await(e -> e.path("type").asText().equals("FAILURE")
                && e.path("failure").path("agent_id").path("value").asText().equals(lostId), 5);
        assertThat(next.core().registrar().current().orElseThrow().unreachable()).extracting(Mark::id)
                .containsExactly(lostId);
        assertThat(again.events).noneMatch(e -> e.path("type").asText().equals("UPDATE")
                && Set.of("TASK_LOST", "TASK_UNKNOWN", "TASK_GONE").contains(e.path("update").path("status").path("state").asText())
                && e.path("update").path("status").path("task_id").path("value").asText().equals("kept-1"));

        // a framework removed before the failover stays removed
        SchedulerClient returning = open.keep(new SchedulerClient(endpoint));
        assertThatThrownBy(() -> returning.subscribe(endpoint,
                SchedulerClient.frameworkInfo("removed-fw", removedId, 3600, false))).isInstanceOf(AssertionError.class);
        assertThat(returning.await(e -> e.path("type").asText().equals("ERROR"), 5).path("error").path("message")
                .asText()).isEqualTo("Framework has been removed");
    }

    @Test
    void aLeaderWhoseRegistryWriteIsFencedStepsDown() throws Exception {
        TestingServer zk = open.keep(new TestingServer(Cluster.freePort("127.0.0.1"), true));
        String url = "zk://" + zk.getConnectString() + "/mesos";
        List<MasterServer> masters = List.of(master("127.0.0.71", url), master("127.0.0.72", url));
        await().atMost(Duration.ofSeconds(15)).until(() -> masters.stream().anyMatch(MasterServer::isLeader));
        MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        MasterServer other = masters.stream().filter(m -> m != leader).findFirst().orElseThrow();

        // someone else (a newer leader, as far as this one can tell) writes the registry behind the leader's back
        CuratorFramework client = open.keep(Zk.client(zk.getConnectString(), 4000));
        client.start();
        client.setData().forPath("/mesos/registry", client.getData().forPath("/mesos/registry"));

        // the leader's next write (an agent's admission) is refused: it stops leading and the other master leads
        AgentServer agent = open.keep(Cluster.agent("127.0.0.75", url, dir.resolve("agent")));
        await().atMost(Duration.ofSeconds(20)).until(() -> other.isLeader() && !leader.isLeader());
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.isRegistered()
                && other.info().endpoint().equals(agent.registeredWith()));
        assertThat(other.core().registrar().current().orElseThrow().agents()).hasSize(1);
        // and it stands again, behind the new leader
        await().atMost(Duration.ofSeconds(10)).until(() -> Zk.contenders(client.getChildren().forPath("/mesos")).size() == 2);
        assertThat(leader.isLeader()).isFalse();
    }

    private static ObjectNode task(String id) {
        return io.plumbery.runtime.protocol.Json.object().put("value", id);
    }
}
