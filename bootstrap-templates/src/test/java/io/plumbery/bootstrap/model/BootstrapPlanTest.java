package io.plumbery.bootstrap.model;

import io.plumbery.bootstrap.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BootstrapPlanTest {

    @Test
    void targetsLimitWhatIsBootstrappedNotWhatIsRendered() {
        BootstrapPlan all = Fixtures.mesos3x3();
        List<String> agents = all.nodes().stream().filter(n -> n.has(Role.AGENT)).map(BootstrapNode::name).toList();
        BootstrapPlan onlyAgents = new BootstrapPlan(all.planName(), all.nodes(), all.globalCloudConfig(),
                all.runtimeArtifact(), Set.copyOf(agents), Fixtures.CREDENTIALS, Set.of());
        assertEquals(agents, onlyAgents.targetNodes().stream().map(BootstrapNode::name).toList());
        assertEquals(all.zookeepers(), onlyAgents.zookeepers(), "the agents still know the ZooKeeper ensemble");
        assertEquals(all.nodes(), all.targetNodes(), "no targets: every node");
    }

    @Test
    void aRuntimeIsNeededOnlyWhenATargetRunsAService() {
        BootstrapPlan all = Fixtures.mesos3x3();
        assertThrows(IllegalArgumentException.class,
                () -> new BootstrapPlan(all.planName(), all.nodes(), all.globalCloudConfig(), null,
                        Fixtures.CREDENTIALS));
        BootstrapNode plain = new BootstrapNode("plain1", Set.of(), "10.0.0.99", null,
                all.nodes().get(0).ssh(), null, 1, 512);
        List<BootstrapNode> nodes = new java.util.ArrayList<>(all.nodes());
        nodes.add(plain);
        assertEquals(List.of(plain), new BootstrapPlan(all.planName(), nodes, all.globalCloudConfig(), null,
                Set.of("plain1"), Fixtures.CREDENTIALS, Set.of()).targetNodes());
    }
}
