package io.plumbery.node.ssh;

import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSH and SFTP protocol paths against Apache MINA SSHD on 127.0.0.1. */
class SshSessionIT {
    private static final Wait QUICK = Wait.upTo(3, Duration.ofSeconds(10))
            .pausing(Backoff.exponential(Duration.ofMillis(50), 2, Duration.ofMillis(100)));

    @TempDir
    Path temp;
    private SshIdentity identity;
    private KnownHosts knownHosts;
    private TestSshServer server;

    @BeforeEach
    void setUp() throws IOException {
        identity = SshKeys.ensure(temp.resolve("keys"), "ops");
        knownHosts = new KnownHosts(temp.resolve("known_hosts"));
        server = TestSshServer.start(0, TestSshServer.newHostKey(), identity, temp, null);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private SshConnector connector(Wait retry) {
        return new SshConnector(knownHosts, identity, retry, Duration.ofSeconds(5));
    }

    private SshEndpoint endpoint(int port, String hostKey) {
        return new SshEndpoint("127.0.0.1", port, "ops", hostKey);
    }

    private static String fingerprint(PublicKey key) {
        return "ecdsa-sha2-nistp256 " + KnownHosts.fingerprint(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    @Test
    void commandExitCodesAndStderrAreSurfaced() {
        try (NodeSession session = connector(QUICK).connect(endpoint(server.port(), null))) {
            CommandResult result = session.run("echo out; echo err >&2; exit 3", Duration.ofSeconds(10));
            assertEquals(3, result.exitCode());
            assertFalse(result.ok());
            assertEquals("out\n", result.stdout());
            assertEquals("err\n", result.stderr());
            assertEquals(java.util.List.of("out", "err"), result.tail(5));
            assertTrue(session.run("true", Duration.ofSeconds(10)).ok());
        }
    }

    @Test
    void aQuietCommandMayRunLongerThanTheConnectTimeout() {
        SshConnector shortConnect = new SshConnector(knownHosts, identity, QUICK, Duration.ofMillis(500));
        try (NodeSession session = shortConnect.connect(endpoint(server.port(), null))) {
            assertEquals("done\n", session.run("sleep 1.5; echo done", Duration.ofSeconds(10)).stdout());
        }
    }

    @Test
    void commandThatOutlivesItsTimeoutIsAnError() {
        try (NodeSession session = connector(QUICK).connect(endpoint(server.port(), null))) {
            SshException e = assertThrows(SshException.class, () -> session.run("sleep 20", Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        }
    }

    @Test
    void firstContactPinsTheKeyAndADifferentKeyOnTheSameHostAndPortIsRefused() throws Exception {
        int port = server.port();
        PublicKey first = server.hostPublicKey();
        try (NodeSession session = connector(QUICK).connect(endpoint(port, null))) {
            assertEquals("127.0.0.1:" + port, session.address());
        }
        String pinnedLine = Files.readString(knownHosts.file());
        assertTrue(pinnedLine.startsWith("[127.0.0.1]:" + port + " ecdsa-sha2-nistp256 "), pinnedLine);
        server.close();

        KeyPair other = TestSshServer.newHostKey();
        server = TestSshServer.start(port, other, identity, temp, null);
        AtomicInteger failedAttempts = new AtomicInteger();
        HostKeyMismatchException e = assertThrows(HostKeyMismatchException.class,
                () -> connector(QUICK).connect(endpoint(port, null), (ep, n, cause) -> failedAttempts.incrementAndGet()));

        assertEquals("127.0.0.1", e.host());
        assertEquals(port, e.port());
        assertEquals(fingerprint(first), e.expectedFingerprint());
        assertEquals(fingerprint(other.getPublic()), e.actualFingerprint());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains(fingerprint(first))
                && e.getMessage().contains(fingerprint(other.getPublic())), e.getMessage());
        assertEquals(0, failedAttempts.get(), "a changed key is not retried");
        assertEquals(pinnedLine, Files.readString(knownHosts.file()), "the pin is kept");
    }

    @Test
    void theProviderReportedKeyDecidesFirstContact() {
        String wrong = SshKeys.publicLine(TestSshServer.newHostKey().getPublic());
        HostKeyMismatchException e = assertThrows(HostKeyMismatchException.class,
                () -> connector(QUICK).connect(endpoint(server.port(), wrong)));
        assertTrue(e.getMessage().contains("reported by the provider"), e.getMessage());
        assertTrue(knownHosts.pinned("127.0.0.1", server.port()).isEmpty(), "nothing pinned");

        String right = SshKeys.publicLine(server.hostPublicKey()) + " root@node";
        connector(QUICK).connect(endpoint(server.port(), right)).close();
        assertEquals(SshKeys.publicLine(server.hostPublicKey()), knownHosts.pinned("127.0.0.1", server.port()).orElseThrow());
    }

    @Test
    void oneCommandInASessionOfItsOwnWithTheHostKeysAProviderListed() {
        ListedHostKeys listed = new ListedHostKeys(() -> java.util.List.of(SshKeys.publicLine(server.hostPublicKey())));
        SshConnector once = new SshConnector(listed, identity, Wait.upTo(1), Duration.ofSeconds(5));
        CommandResult result = once.run(endpoint(server.port(), null), "echo hi; echo oops >&2; exit 4", Duration.ofSeconds(10));
        assertEquals(new CommandResult("echo hi; echo oops >&2; exit 4", 4, "hi\n", "oops\n"), result);
        assertFalse(Files.exists(knownHosts.file()), "nothing pinned");

        ListedHostKeys other = new ListedHostKeys(() -> java.util.List.of(SshKeys.publicLine(TestSshServer.newHostKey().getPublic())));
        SshException refused = assertThrows(SshException.class, () -> new SshConnector(other, identity, Wait.upTo(1),
                Duration.ofSeconds(5)).run(endpoint(server.port(), null), "true", Duration.ofSeconds(10)));
        assertFalse(refused instanceof HostKeyMismatchException, "a key not listed is an ordinary failed attempt");
        assertTrue(refused.getMessage().startsWith("cannot connect to ops@127.0.0.1:" + server.port() + ": "),
                refused.getMessage());
    }

    @Test
    void uploadIsSkippedWhenTheChecksumMatches() throws Exception {
        Path local = temp.resolve("runtime.jar");
        byte[] jar = new byte[1_500_000];
        new Random(7).nextBytes(jar);
        Files.write(local, jar);
        String remote = temp.resolve("opt/plumbery/plumbery-cluster-runtime.jar").toString();

        try (NodeSession session = connector(QUICK).connect(endpoint(server.port(), null))) {
            assertTrue(session.putIfChanged(ContentSource.of(local), remote, "0640", false), "first upload");
            assertArrayEquals(jar, Files.readAllBytes(Path.of(remote)));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remote))));
            long modified = Files.getLastModifiedTime(Path.of(remote)).toMillis();

            assertFalse(session.putIfChanged(ContentSource.of(local), remote, "0640", false), "same checksum: skipped");
            assertEquals(modified, Files.getLastModifiedTime(Path.of(remote)).toMillis());

            byte[] small = "tickTime=500\n".getBytes(StandardCharsets.UTF_8);
            assertTrue(session.putIfChanged(ContentSource.of(small), remote, "0644", false), "changed: uploaded");
            assertArrayEquals(small, session.read(remote));
            try (var staged = Files.list(temp)) {
                assertTrue(staged.noneMatch(p -> p.getFileName().toString().startsWith("plumbery-upload.")),
                        "staging files removed");
            }
        }
    }

    @Test
    void connectRetriesWithBackoffUntilAPortThatOpensLate() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CountDownLatch twoFailures = new CountDownLatch(2);
        AtomicInteger failures = new AtomicInteger();
        Wait boot = Wait.upTo(40, Duration.ofSeconds(20))
                .pausing(Backoff.exponential(Duration.ofMillis(50), 2, Duration.ofMillis(200)));
        CompletableFuture<NodeSession> connecting = CompletableFuture.supplyAsync(() ->
                connector(boot).connect(endpoint(port, null), (ep, n, cause) -> {
                    failures.incrementAndGet();
                    twoFailures.countDown();
                }));
        assertTrue(twoFailures.await(10, TimeUnit.SECONDS), "attempts against the closed port");
        try (TestSshServer late = TestSshServer.start(port, TestSshServer.newHostKey(), identity, temp, null);
             NodeSession session = connecting.get(20, TimeUnit.SECONDS)) {
            assertTrue(session.run("true", Duration.ofSeconds(10)).ok());
            assertTrue(failures.get() >= 2 && failures.get() < 40, "failures: " + failures.get());
            assertEquals(late.port(), port);
        }
    }

    @Test
    void connectGivesUpAfterItsAttempts() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        AtomicInteger failures = new AtomicInteger();
        SshException e = assertThrows(SshException.class,
                () -> connector(QUICK).connect(endpoint(port, null), (ep, n, cause) -> failures.incrementAndGet()));
        assertEquals(3, failures.get());
        assertTrue(e.getMessage().startsWith("cannot connect to ops@127.0.0.1:" + port + " after 3 attempt(s)"), e.getMessage());
    }
}
