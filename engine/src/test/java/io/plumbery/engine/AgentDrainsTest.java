package io.plumbery.engine;

import io.plumbery.fittings.model.Plan;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent that leaves a running cluster is drained first: plan shows the drain as its own step, and deploy stops
 * with the node in place when no master answers, unless forced.
 */
class AgentDrainsTest {

    @TempDir
    Path dir;

    private Plan plan(int agents) throws Exception {
        return Plans.read(dir, """
                ---
                information: [a cluster]
                ---
                locationId: here
                provider: local
                blueprints:
                  - cluster:
                      ethernet: {name: control, subnet: 10.77.91.0}
                      nodes:
                        - master1: {roles: [mesos-master]}
                        - agent[1..%d]: {roles: [mesos-agent]}
                        - web1
                """.formatted(agents));
    }

    /** master1 and agent1..3 built and reachable; agent3 with roles recorded as {@code roles} says. */
    private static State built(Map<String, String> agent3Spec) {
        State state = State.empty("a cluster");
        state = node(state, "master1", Map.of(AgentDrains.ROLES, "mesos-master"));
        state = node(state, "agent1", Map.of(AgentDrains.ROLES, "mesos-agent"));
        state = node(state, "agent2", Map.of(AgentDrains.ROLES, "mesos-agent"));
        return node(state, "agent3", agent3Spec);
    }

    private static State node(State state, String name, Map<String, String> spec) {
        String address = "127.77.91." + (10 + state.nodes().size()); // loopback: no test reaches out
        return state.withNode("node." + name, new Placed<>("local", "here", new NodeRecord(name, name, "control",
                NodeStatus.RUNNING, address, null, new SshEndpoint(address, 22, "root", null), Map.of()), spec));
    }

    private static List<String> nodeLines(Plan plan, State state) {
        return Planner.deploy(plan, state, Selection.DEFAULT).stream()
                .filter(p -> p.change().address().startsWith("node.agent"))
                .map(p -> p.change().action().symbol() + " " + p.change().kind() + " " + p.change().address())
                .toList();
    }

    @Test
    void shrinkingTheAgentRangeDrainsTheAgentThatGoesBeforeItIsDeleted() throws Exception {
        State state = built(Map.of(AgentDrains.ROLES, "mesos-agent"));
        List<Planned> planned = Planner.deploy(plan(2), state, Selection.DEFAULT);
        assertEquals(List.of("  node node.agent1", "  node node.agent2", "~ drain node.agent3", "- node node.agent3"),
                nodeLines(plan(2), state));
        Planned drain = planned.stream().filter(p -> p.change().kind().equals("drain")).findFirst().orElseThrow();
        assertEquals("drain: Marathon moves its tasks elsewhere, then the node is destroyed", drain.change().summary());
        assertTrue(drain.target() instanceof Target.Drain);
    }

    @Test
    void anAgentBuiltBeforeRolesWereRecordedIsKnownByItsSiblings() throws Exception {
        assertEquals(List.of("  node node.agent1", "  node node.agent2", "~ drain node.agent3", "- node node.agent3"),
                nodeLines(plan(2), built(Map.of("cpu", "1"))));
    }

    @Test
    void growingTheRangeOnlyAddsAgents() throws Exception {
        assertEquals(List.of("  node node.agent1", "  node node.agent2", "  node node.agent3", "+ node node.agent4"),
                nodeLines(plan(4), built(Map.of(AgentDrains.ROLES, "mesos-agent"))));
    }

    @Test
    void withoutARunningClusterOrForANodeThatRanNoAgentThereIsNothingToDrain() throws Exception {
        State noMaster = built(Map.of(AgentDrains.ROLES, "mesos-agent")).without("node.master1");
        assertEquals(List.of("  node node.agent1", "  node node.agent2", "- node node.agent3"),
                nodeLines(plan(2), noMaster));
        assertEquals(List.of("  node node.agent1", "  node node.agent2", "- node node.agent3"),
                nodeLines(plan(2), built(Map.of(AgentDrains.ROLES, "zookeeper"))));
    }

    @Test
    void whenNoMasterAnswersDeployLeavesTheAgentAndAsksForForce() throws Exception {
        Plan plan = plan(2);
        // master1 at a loopback address where no master listens: the cluster is down
        State state = built(Map.of(AgentDrains.ROLES, "mesos-agent"));
        try (Session s = Session.open(plan, dir.resolve("state"))) {
            s.store().update(x -> state);
            List<Outcome.Failure> refused = AgentDrains.drainAll(s, List.of("node.agent3"), Progress.SILENT, false);
            assertEquals(1, refused.size());
            assertEquals("node.agent3", refused.get(0).address());
            assertTrue(refused.get(0).reason().startsWith("cannot drain it before destroying it, no leading master"
                    + " answered: https://127.77.91.10:5050/: no answer"), refused.get(0).reason());
            assertTrue(refused.get(0).reason().endsWith("the node is left in place. If the cluster is down for good,"
                    + " 'deploy --force' destroys it without draining"), refused.get(0).reason());
            assertEquals(List.of(), AgentDrains.drainAll(s, List.of("node.agent3"), Progress.SILENT, true));
        }
    }
}
