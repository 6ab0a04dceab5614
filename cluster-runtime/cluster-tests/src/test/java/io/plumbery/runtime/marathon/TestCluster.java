package io.plumbery.runtime.marathon;

import static io.plumbery.runtime.marathon.TestPorts.freePort;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.curator.test.TestingServer;

/**
 * ZooKeeper, one master and agents on distinct loopback addresses (hostname = address), all in-process; secured, every
 * API of theirs and of its Marathons asks for the credentials of {@link ClusterSecrets}.
 */
final class TestCluster implements AutoCloseable {
    final TestingServer zk;
    final MasterServer master;
    final List<MasterServer> masters = new ArrayList<>();
    final List<AgentServer> agents = new ArrayList<>();
    final List<MarathonServer> marathons = new ArrayList<>();
    private final boolean secured;

    TestCluster(Path dir, int agentCount) throws Exception {
        this(dir, agentCount, 1);
    }

    TestCluster(Path dir, int agentCount, int masterCount) throws Exception {
        this(dir, agentCount, masterCount, false);
    }

    TestCluster(Path dir, int agentCount, int masterCount, boolean secured) throws Exception {
        this(dir, agentCount, masterCount, secured, RegistryConfig.defaults());
    }

    TestCluster(Path dir, int agentCount, int masterCount, boolean secured, RegistryConfig registry) throws Exception {
        this.secured = secured;
        zk = new TestingServer(freePort(), true);
        for (int i = 0; i < masterCount; i++) {
            MasterConfig mc = MasterConfig.defaults("127.0.0.1", 0, mesosUrl(), dir.resolve("master" + i))
                    .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5),
                            Duration.ofSeconds(30))
                    .withRegistry(registry);
            MasterServer m = new MasterServer(mc, Set.of(), secured ? ClusterSecrets.master() : MasterAuth.OPEN);
            m.start();
            masters.add(m);
        }
        master = masters.get(0);
        for (int i = 0; i < agentCount; i++) {
            String ip = "127.0.0." + (2 + i);
            AgentConfig ac = AgentConfig.of(ip, 0, mesosUrl(),
                            ResourceSpec.parseResources("cpus:4;mem:4096;disk:10000;ports:[31000-31100]"),
                            dir.resolve("agent" + i))
                    .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2))
                    .withAttributes(ResourceSpec.parseAttributes("rack:r" + (i % 2)));
            AgentServer agent = new AgentServer(ac, Set.of(), secured ? ClusterSecrets.agent() : AgentAuth.OPEN);
            agent.start();
            agents.add(agent);
        }
    }

    String mesosUrl() {
        return "zk://" + zk.getConnectString() + "/mesos";
    }

    String marathonUrl() {
        return "zk://" + zk.getConnectString() + "/marathon";
    }

    boolean ready() {
        return masters.stream().anyMatch(MasterServer::isLeader) && agents.stream().allMatch(AgentServer::isRegistered);
    }

    MarathonServer marathon() throws Exception {
        MarathonConfig config = MarathonConfig.of("127.0.0.1", 0, mesosUrl(), marathonUrl()).withDeclineOfferSeconds(1);
        MarathonServer m = new MarathonServer(config, Set.of(), secured ? ClusterSecrets.marathon() : MarathonAuth.OPEN);
        m.start();
        marathons.add(m);
        return m;
    }

    /** A new Marathon of the cluster, once it leads and is subscribed to the master. */
    MarathonServer leadingMarathon() throws Exception {
        MarathonServer m = marathon();
        await().atMost(Duration.ofSeconds(30)).until(() -> m.isLeader() && m.scheduler() != null
                && m.scheduler().isSubscribed());
        return m;
    }

    @Override
    public void close() throws Exception {
        for (MarathonServer m : marathons) {
            m.close();
        }
        for (AgentServer a : agents) {
            a.close();
        }
        for (MasterServer m : masters) {
            m.close();
        }
        zk.close();
    }
}
