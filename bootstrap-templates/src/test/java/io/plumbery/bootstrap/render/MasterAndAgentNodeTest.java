package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.node.ssh.SshEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A one-node cluster: a node with the plan roles {@code mesos-master} and {@code mesos-agent} gets the files of every
 * service of both, once each, a ZooKeeper of its own (quorum 1), and an agent that offers only the memory its
 * neighbours leave.
 */
class MasterAndAgentNodeTest {
    private final RuntimeSettings settings = RuntimeSettings.defaults();
    private final NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), settings);

    private static BootstrapPlan singleNode() {
        Set<Role> roles = EnumSet.copyOf(Role.fromPlanRole("mesos-master"));
        roles.addAll(Role.fromPlanRole("mesos-agent"));
        BootstrapNode node = new BootstrapNode("mesos1", roles, "10.0.0.10", "203.0.113.10",
                new SshEndpoint("203.0.113.10", 22, "plumbery-admin", null), Map.of(), 2, 4096);
        return new BootstrapPlan("single-node", List.of(node), Map.of(), Path.of("plumbery-cluster-runtime.jar"),
                Fixtures.CREDENTIALS);
    }

    @Test
    void theNodeGetsEveryServiceOfBothRolesOnce() {
        BootstrapPlan plan = singleNode();
        List<String> units = renderer.serviceFiles(plan, plan.nodes().get(0)).stream().map(RenderedFile::path)
                .filter(p -> p.endsWith(".service")).toList();
        assertEquals(List.of("/etc/systemd/system/plumbery-zookeeper.service",
                "/etc/systemd/system/plumbery-mesos-master.service", "/etc/systemd/system/plumbery-marathon.service",
                "/etc/systemd/system/plumbery-chronos.service", "/etc/systemd/system/plumbery-mesos-dns.service",
                "/etc/systemd/system/plumbery-mesos-agent.service"), units);
        List<String> paths = renderer.serviceFiles(plan, plan.nodes().get(0)).stream().map(RenderedFile::path).toList();
        assertEquals(paths.stream().distinct().toList(), paths, "no file written twice");
    }

    @Test
    void zooKeeperIsTheNodeAloneAndTheMastersQuorumIsOne() {
        BootstrapPlan plan = singleNode();
        Map<String, String> files = renderer.serviceFiles(plan, plan.nodes().get(0)).stream()
                .collect(Collectors.toMap(RenderedFile::path, RenderedFile::content));
        String zooCfg = files.get("/etc/plumbery/zoo.cfg");
        assertEquals(List.of("server.1=10.0.0.10:2888:3888"),
                zooCfg.lines().filter(l -> l.startsWith("server.")).toList(), zooCfg);
        assertEquals("1\n", files.get("/var/lib/plumbery/zookeeper/myid"));
        assertTrue(files.get("/etc/plumbery/mesos-master.env").contains("\nMASTER_QUORUM=1\n"));
        assertEquals("zk://plumbery:ZooKeeperSecretXXXXXX@10.0.0.10:2181/mesos",
                files.get("/etc/plumbery/secrets/mesos-agent.master.zk"));
    }

    @Test
    void theAgentOffersWhatTheNodesOtherServicesLeave() {
        BootstrapPlan plan = singleNode();
        String agentEnv = renderer.serviceFiles(plan, plan.nodes().get(0)).stream()
                .filter(f -> f.path().equals("/etc/plumbery/mesos-agent.env")).findFirst().orElseThrow().content();
        // 4096 MiB less the system's 512 and the heaps of ZooKeeper 192, master 384, Marathon 384, Chronos 256,
        // Mesos-DNS 96 and the agent's own 256: 2016
        assertTrue(agentEnv.contains("AGENT_RESOURCES=\"cpus:2;mem:2016;"), agentEnv);
        assertEquals(4096 - 512 - 256, settings.agentMemoryMb(4096, Set.of(Role.AGENT)), "an agent alone on its node");
        assertEquals(128, settings.agentMemoryMb(1024, plan.nodes().get(0).roles()), "never less than 128 MiB");
    }
}
