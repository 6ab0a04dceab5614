package io.plumbery.engine;

import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Plan;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-node example: its node is the cluster's master and its agent, so deploy waits for that agent, information
 * shows it, and ZooKeeper is that node alone.
 */
class SingleNodeLayoutTest {

    @Test
    void theOneNodeIsBothTheMasterAndTheAgent() {
        LoadResult loaded = FittingsLoader.load(Path.of("..", "examples", "single-node", "fittings.yaml"), List.of());
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        Plan plan = loaded.plan().orElseThrow();
        assertEquals(List.of("mesos1"), plan.nodes().map(n -> n.name()).toList());

        String address = "127.77.11.10"; // loopback: nothing is reached
        State state = State.empty(plan.name()).withNode("node.mesos1", new Placed<>("local", "local",
                new NodeRecord("mesos1", "mesos1", "single", NodeStatus.RUNNING, "10.77.11.10", address,
                        new SshEndpoint(address, 22, "plumbery-admin", null), Map.of()), Map.of()));
        ClusterLayout layout = ClusterLayout.of(plan, state);

        ClusterLayout.Member node = new ClusterLayout.Member("mesos1", "10.77.11.10", address);
        assertEquals(List.of(node), layout.masters());
        assertEquals(List.of(node), layout.agents());
        assertEquals("zk://10.77.11.10:2181/mesos", layout.zookeeper("/mesos"));
        assertEquals(1, layout.apps().size(), "the sample app");
    }
}
