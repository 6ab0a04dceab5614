package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.zookeeper.ZooKeeperService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The module's own 3-peer ZooKeeper quorum under 3 masters: losing one peer changes nothing visible. */
class QuorumClusterIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void losingOneZooKeeperOfThreeChangesNothingVisible() throws Exception {
        int[] client = new int[3];
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            client[i] = Cluster.freePort("127.0.0.1");
            servers.append("server.").append(i + 1).append("=127.0.0.1:").append(Cluster.freePort("127.0.0.1"))
                    .append(':').append(Cluster.freePort("127.0.0.1")).append('\n');
        }
        List<ZooKeeperService> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path cfg = dir.resolve("zk" + i + ".cfg");
            Files.writeString(cfg, "tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=" + dir.resolve("zk" + i)
                    + "\nclientPort=" + client[i] + "\nclientPortAddress=127.0.0.1\n" + servers, StandardCharsets.UTF_8);
            ZooKeeperService peer = new ZooKeeperService(cfg, i + 1);
            peer.start();
            open.keep(peer);
            peers.add(peer);
        }
        String url = "zk://127.0.0.1:" + client[0] + ",127.0.0.1:" + client[1] + ",127.0.0.1:" + client[2] + "/mesos";
        List<MasterServer> masters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MasterServer m = Cluster.master("127.0.0." + (41 + i), url, dir.resolve("m" + i));
            open.keep(m);
            masters.add(m);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> masters.stream().filter(MasterServer::isLeader).count() == 1);
        MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        AgentServer agent = Cluster.agent("127.0.0.44", url, dir.resolve("agent"));
        open.keep(agent);
        await().atMost(Duration.ofSeconds(20)).until(agent::isRegistered);
        SchedulerClient scheduler = new SchedulerClient(leader.info().endpoint());
        open.keep(scheduler);
        scheduler.subscribe(leader.info().endpoint(), SchedulerClient.frameworkInfo("quorum-fw", null, 60, false));
        scheduler.launch(scheduler.awaitOffer(10), "before", "sleep 300", 0.1, 32);
        scheduler.awaitUpdate("before", "TASK_RUNNING", 10);

        peers.get(0).close();
        open.forget(peers.get(0));

        // For longer than a session timeout (4 s) the same master leads and the agent stays registered with it.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> leader.isLeader() && masters.stream().filter(MasterServer::isLeader).count() == 1
                        && agent.isRegistered());
        scheduler.launch(scheduler.awaitOffer(10), "after", "sleep 300", 0.1, 32);
        scheduler.awaitUpdate("after", "TASK_RUNNING", 10);
        String tasks = Json.MAPPER.readTree(Cluster.get(leader.info().endpoint(), "/master/tasks").body()).toString();
        assertThat(tasks).contains("\"before\"", "\"after\"");
        assertThat(scheduler.events).noneMatch(e -> e.path("type").asText().equals("CLIENT_STREAM_CLOSED"));
    }
}
