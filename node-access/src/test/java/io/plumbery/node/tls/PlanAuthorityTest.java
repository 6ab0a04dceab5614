package io.plumbery.node.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes on loopback between a server holding an issued certificate and clients trusting a CA. */
class PlanAuthorityTest {
    private static final InetAddress LOOPBACK = loopback();

    @TempDir
    Path dir;

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientTrustingThePlansCaVerifiesANodeByItsAddress() throws Exception {
        PlanAuthority ca = PlanAuthority.in(dir, "web");
        IssuedCertificate node = ca.issue(List.of("master1"), List.of(LOOPBACK, InetAddress.getByName("10.0.0.5")));
        assertEquals(42, handshake(node, ca.certificatePem()));
    }

    @Test
    void anotherPlansCaIsRefused(@TempDir Path other) throws Exception {
        IssuedCertificate node = PlanAuthority.in(dir, "web").issue(List.of("master1"), List.of(LOOPBACK));
        String foreignCa = PlanAuthority.in(other, "web").certificatePem();
        assertThrows(SSLHandshakeException.class, () -> handshake(node, foreignCa));
    }

    @Test
    void aCertificateForOtherAddressesDoesNotPassForThisOne() throws Exception {
        PlanAuthority ca = PlanAuthority.in(dir, "web");
        IssuedCertificate node = ca.issue(List.of("master1"), List.of(InetAddress.getByName("10.0.0.5")));
        assertThrows(SSLHandshakeException.class, () -> handshake(node, ca.certificatePem()));
    }

    @Test
    void theAuthorityIsMadeOnceAndItsKeyKeptPrivate() throws Exception {
        String first = PlanAuthority.in(dir, "web").certificatePem();
        assertEquals(first, PlanAuthority.in(dir, "web").certificatePem());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))));
        // the node's key is not the CA's, and what is issued after a reload still chains to the same CA
        IssuedCertificate node = PlanAuthority.in(dir, "web").issue(List.of("agent1"), List.of(LOOPBACK));
        assertTrue(node.certificatePem().endsWith(first));
        assertEquals(42, handshake(node, first));
    }

    @Test
    void opensslVerifiesTheChainWhereOpensslIsInstalled() throws Exception {
        PlanAuthority ca = PlanAuthority.in(dir, "web");
        IssuedCertificate node = ca.issue(List.of("master1"), List.of(LOOPBACK));
        Path nodePem = Files.writeString(dir.resolve("node.pem"), node.certificatePem());
        ProcessBuilder verify;
        try {
            verify = new ProcessBuilder("openssl", "verify", "-CAfile", dir.resolve("ca.pem").toString(),
                    "-purpose", "sslserver", nodePem.toString()).redirectErrorStream(true);
            Process p = verify.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("OK"), out);
        } catch (IOException noOpenssl) {
            // openssl is not part of the build's requirements; the handshakes above are the check that always runs
        }
    }

    /** Serves one TLS connection with {@code node}'s identity; a client trusting only {@code caPem} reads a byte. */
    private static int handshake(IssuedCertificate node, String caPem) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore identity = node.keyStore();
        assertEquals(2, identity.getCertificateChain("node").length, "the node's certificate, then the CA");
        kmf.init(identity, new char[0]);
        serverContext.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.getOutputStream().write(42);
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the client refused the certificate: its side of the test says so
                }
            });
            SSLContext clientContext = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates(caPem)[0]);
            tmf.init(trust);
            clientContext.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
                SSLParameters params = client.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(params);
                client.setSoTimeout(10_000);
                int b = client.getInputStream().read();
                served.get(10, TimeUnit.SECONDS);
                return b;
            }
        }
    }

    private static Certificate[] certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).toArray(Certificate[]::new);
    }

    @Test
    void theKeyIsNeverInTheRecordsText() throws Exception {
        IssuedCertificate node = PlanAuthority.in(dir, "web").issue(List.of("n"), List.of(LOOPBACK));
        assertTrue(!node.toString().contains("PRIVATE KEY"), node.toString());
        assertTrue(node.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
