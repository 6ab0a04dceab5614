package io.plumbery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drain and undrain on the command line: their help, a node that is not an agent of the plan (exit 2, nothing done),
 * and a plan whose nodes this machine cannot reach (jclouds' in-memory stub: exit 1, nothing contacted). Draining a
 * real agent is AgentDrainerTest's, against a real master and agent.
 */
class DrainCommandTest {

    @TempDir
    Path dir;

    private Path example() throws Exception {
        Path plan = dir.resolve("drains").resolve("fittings.yaml");
        Files.createDirectories(plan.getParent());
        Files.copy(Path.of("../examples/mesos-3x9/fittings.yaml"), plan);
        return plan;
    }

    @Test
    void helpSaysWhatDrainAndUndrainDoAndDeployOffersForce() {
        Run drain = Run.of("fittings.yaml", "drain", "--help");
        assertEquals(0, drain.exit());
        assertTrue(drain.out().contains("NODE") && drain.out().contains("DRAINED")
                && drain.out().contains("minimumHealthCapacity"), drain.out());
        Run undrain = Run.of("fittings.yaml", "undrain", "--help");
        assertTrue(undrain.out().contains("REACTIVATE_AGENT"), undrain.out());
        Run deploy = Run.of("fittings.yaml", "deploy", "--help");
        assertTrue(deploy.out().contains("--force") && deploy.out().contains("drained first"), deploy.out());
    }

    @Test
    void aNodeThatIsNotAnAgentOfThePlanIsNamedAndNothingIsDone() throws Exception {
        Path plan = example();
        Run master = Run.of(plan.toString(), "drain", "master1", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(2, master.exit(), master.toString());
        assertTrue(master.err().contains("error: node master1 is not an agent (roles: mesos-master); the plan's "
                + "agents: agent1, agent2, agent3, agent4, agent5, agent6, agent7, agent8, agent9; nothing was done."),
                master.err());
        Run unknown = Run.of(plan.toString(), "undrain", "agent10", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("no node named agent10 in plan"), unknown.err());
        assertEquals(2, Run.of(plan.toString(), "drain").exit(), "NODE is required");
    }

    @Test
    void anAgentOfAClusterThatIsNotBuiltOrNotReachableFailsWithoutContactingAnything() throws Exception {
        Path plan = example();
        Run before = Run.of(plan.toString(), "drain", "agent9", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(1, before.exit(), before.toString());
        assertTrue(before.err().contains("node.agent9: node agent9 is not built: 'deploy' builds it"), before.err());

        assertEquals(0, Run.of(plan.toString(), "deploy", "-P", "provider=stub", "-P", "image=debian").exit());
        Run stub = Run.of(plan.toString(), "drain", "agent9", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(1, stub.exit(), stub.toString());
        assertTrue(stub.err().contains("node.agent9: the plan's nodes are not reachable from here"), stub.err());
    }
}
