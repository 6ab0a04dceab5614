package io.plumbery.node.ssh;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A provider's first contact with a booted node, against Apache MINA SSHD on 127.0.0.1. */
class NodeReadyIT {

    /** What a provider would throw (its own exception type). */
    static final class Failed extends Exception {
        final boolean retryable;

        Failed(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }
    }

    @TempDir
    Path temp;
    private SshIdentity identity;
    private TestSshServer server;

    @BeforeEach
    void setUp() {
        identity = SshKeys.ensure(temp.resolve("keys"), "ops");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private NodeReady node(int port, List<String> hostKeys) {
        return new NodeReady("n1", "127.0.0.1", port, identity, () -> hostKeys, () -> "console line");
    }

    private List<String> serverKey() {
        return List.of(SshKeys.publicLine(server.hostPublicKey()) + " root@n1");
    }

    @Test
    void readyWhenTheCheckExitsZeroOrTwo() throws IOException {
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null);
        assertDoesNotThrow(() -> node(server.port(), serverKey()).await("true", Duration.ofSeconds(20), Failed::new));
        assertDoesNotThrow(() -> node(server.port(), serverKey()).await("exit 2", Duration.ofSeconds(20), Failed::new),
                "cloud-init's done with recoverable errors");
    }

    @Test
    void aFailingCheckFailsAtOnceWithItsOutputAndTheConsole() throws IOException {
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null);
        String check = "echo 'status: error'; echo detail >&2; exit 1";
        Failed e = assertThrows(Failed.class, () -> node(server.port(), serverKey()).await(check, Duration.ofMinutes(1),
                Failed::new));
        assertEquals("'" + check + "' failed on node n1 (exit 1):\nstatus: error\ndetail\nlast console lines:\n"
                + "console line", e.getMessage());
        assertFalse(e.retryable);
    }

    @Test
    void aNodeThatNeverAnswersTimesOutWithTheLastErrorSeen() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        long started = System.nanoTime();
        Failed e = assertThrows(Failed.class, () -> node(closed, List.of()).await("true", Duration.ofSeconds(2),
                Failed::new));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(e.getMessage().startsWith("node n1 (127.0.0.1) did not answer over SSH with cloud-init finished "
                + "within 2 s; last: ConnectException: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("\nlast console lines:\nconsole line"), e.getMessage());
        assertTrue(e.retryable);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0 && took.compareTo(Duration.ofSeconds(15)) < 0,
                "took " + took);
    }

    @Test
    void aHostKeyThatIsNotListedIsNeverAccepted() throws IOException {
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null);
        List<String> other = List.of(SshKeys.publicLine(TestSshServer.newHostKey().getPublic()));
        Failed e = assertThrows(Failed.class, () -> node(server.port(), other).await("true", Duration.ofSeconds(2),
                Failed::new));
        assertTrue(e.getMessage().contains("did not answer over SSH") && e.getMessage().contains("host key"),
                e.getMessage());
    }

    @Test
    void rootIsNeverTriedWhenThePlanUserIsNotLetIn() throws IOException {
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null, "root"::equals);
        Failed e = assertThrows(Failed.class, () -> node(server.port(), serverKey()).await("true", Duration.ofSeconds(2),
                Failed::new));
        assertTrue(e.getMessage().contains("; last: the plan's key is not accepted for " + identity.user()),
                e.getMessage());
    }

    @Test
    void whileNoUserIsLetInTheLastErrorSaysSo() throws IOException {
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null, user -> false);
        Failed e = assertThrows(Failed.class, () -> node(server.port(), serverKey()).await("true", Duration.ofSeconds(2),
                Failed::new));
        assertTrue(e.getMessage().contains("; last: the plan's key is not accepted for "), e.getMessage());
    }
}
