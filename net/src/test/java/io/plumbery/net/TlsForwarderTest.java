package io.plumbery.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder against a real TLS server on loopback (a certificate for IP 127.0.0.1 made by the JDK's keytool): bytes
 * both ways with each direction closed on its own, and connections it cannot place closed with a line saying why.
 */
class TlsForwarderTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration PLACE_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static SSLContext serverTls;
    static SSLContext trusting;
    static SSLContext trustingNothingOfOurs;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private SSLServerSocket server;
    private TlsForwarder forwarder;

    @BeforeAll
    static void certificates() throws Exception {
        Path keys = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=server",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), out);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", store.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        trustingNothingOfOurs = SSLContext.getDefault();
    }

    @AfterEach
    void close() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The server reads the request to its end (the client's half-close), then answers and closes. */
    @Test
    void bytesGoBothWaysAndEachDirectionEndsOnItsOwn() throws Exception {
        int port = startServer();
        forwarder = forwarder(() -> new InetSocketAddress("127.0.0.1", port), trusting);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
            client.getOutputStream().write("hello, leader".getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("got 13 bytes: hello, leader", answer);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aConnectionThatCannotBePlacedIsClosedWithWhy() throws Exception {
        forwarder = forwarder(() -> {
            throw new IOException("no leading master answered");
        }, trusting);
        assertClosedAtOnceSaying("closed: no leading master answered");
    }

    @Test
    void aServerOfAnotherAuthorityIsRefused() throws Exception {
        int port = startServer();
        forwarder = forwarder(() -> new InetSocketAddress("127.0.0.1", port), trustingNothingOfOurs);
        assertClosedAtOnceSaying("closed: 127.0.0.1:");
    }

    @Test
    void aCertificateThatDoesNotNameTheHostDialledIsRefused() throws Exception {
        int port = startServer();
        forwarder = forwarder(() -> new InetSocketAddress("localhost", port), trusting);
        assertClosedAtOnceSaying("localhost");
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeIsGivenUp() throws Exception {
        forwarder = new TlsForwarder("master", 0, () -> {
            try {
                Thread.sleep(10_000); // a resolver stuck on a silent node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("too late");
        }, trusting, Duration.ofMillis(300), problems::add);
        forwarder.start();
        assertClosedAtOnceSaying("within");
    }

    private TlsForwarder forwarder(TlsForwarder.Target target, SSLContext tls) throws IOException {
        TlsForwarder f = new TlsForwarder("master", 0, target, tls, PLACE_WITHIN, problems::add);
        f.start();
        return f;
    }

    /** The connection is closed without a byte, and the one line about it says {@code why}. */
    private void assertClosedAtOnceSaying(String why) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
            client.setSoTimeout((int) PLACE_WITHIN.multipliedBy(2).toMillis());
            assertEquals(-1, client.getInputStream().read());
        }
        // the line is written before the connection is closed
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(why), problems.toString());
    }

    /** The server's port. */
    private int startServer() throws IOException {
        server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    byte[] request = s.getInputStream().readAllBytes();
                    s.getOutputStream().write(("got " + request.length + " bytes: "
                            + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // a refused handshake: the test asserts what the forwarder says
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }
}
