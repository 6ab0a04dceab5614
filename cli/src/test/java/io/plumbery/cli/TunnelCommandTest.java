package io.plumbery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tunnel on the command line: its help, and a cluster it cannot reach (not built; built by jclouds' in-memory stub,
 * whose addresses are invented): exit 1, nothing listened on. Forwarding to a real leader is TlsForwarderTest's and
 * TunnelledSchedulerClientIT's.
 */
class TunnelCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpTeachesWithAnExampleAndSaysItAddsNoCredentials() {
        Run help = Run.of("fittings.yaml", "tunnel", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("adds no credentials") && help.out().contains("127.0.0.1")
                && help.out().contains("plumbery fittings.yaml tunnel --master-port 5050")
                && help.out().contains("--marathon-port") && help.out().contains("--chronos-port"), help.out());
        assertTrue(Run.of("--help").out().contains("tunnel"), "listed among the actions");
    }

    @Test
    void aClusterThatIsNotBuiltOrNotReachableIsRefused() throws Exception {
        Path plan = dir.resolve("tunnels").resolve("fittings.yaml");
        Files.createDirectories(plan.getParent());
        Files.copy(Path.of("../examples/mesos-3x9/fittings.yaml"), plan);
        Run before = Run.of(plan.toString(), "tunnel", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(1, before.exit(), before.toString());
        assertTrue(before.err().contains("error: no master of plan tunnels is built: 'deploy' builds the cluster"),
                before.err());
        assertEquals(0, Run.of(plan.toString(), "deploy", "-P", "provider=stub", "-P", "image=debian").exit());
        Run stub = Run.of(plan.toString(), "tunnel", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(1, stub.exit(), stub.toString());
        assertTrue(stub.err().contains("error: the plan's nodes are not reachable from here"), stub.err());
    }
}
