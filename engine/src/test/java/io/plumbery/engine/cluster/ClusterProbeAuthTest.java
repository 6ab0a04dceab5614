package io.plumbery.engine.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.node.tls.IssuedCertificate;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against a master and a Marathon that ask for credentials as the deployed cluster's do (401 without,
 * the answer with), over HTTPS with a certificate of the plan's authority: JDK HTTPS servers on 127.0.0.1.
 */
class ClusterProbeAuthTest {
    private static final ClusterCredentials.Principal ADMIN = new ClusterCredentials.Principal("admin",
            "AdminSecretXXXXXXXXXX");

    @TempDir
    Path tls;
    private HttpsServer mesos;
    private HttpsServer marathon;

    @BeforeEach
    void start() throws Exception {
        IssuedCertificate issued = NodeCertificates.in(tls, "probe").forNode("master1", List.of("master1"),
                List.of("127.0.0.1"));
        HttpsConfigurator https = new HttpsConfigurator(serverContext(issued));
        mesos = server(ClusterLayout.MASTER_PORT, https);
        marathon = server(ClusterLayout.MARATHON_PORT, https);
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "admin:AdminSecretXXXXXXXXXX".getBytes(StandardCharsets.UTF_8));
        mesos.createContext("/master/state", exchange -> answer(exchange, expected, "mesos-master-readonly",
                "{\"leader\":\"master@127.0.0.1:5050\",\"slaves\":[]}"));
        mesos.createContext("/master/redirect", exchange -> answer(exchange, expected, "mesos-master-readonly", "{}"));
        marathon.createContext("/v2/leader", exchange -> answer(exchange, expected, "Mesosphere",
                "{\"leader\":\"127.0.0.1:8080\"}"));
        marathon.createContext("/v2/apps", exchange -> answer(exchange, expected, "Mesosphere", "{\"apps\":[]}"));
        marathon.createContext("/v2/queue", exchange -> answer(exchange, expected, "Mesosphere", "{\"queue\":[]}"));
        mesos.start();
        marathon.start();
    }

    /** The ports the layout names, on loopback; the test is skipped where something else holds them. */
    private static HttpsServer server(int port, HttpsConfigurator https) throws IOException {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setHttpsConfigurator(https);
            return server;
        } catch (java.net.BindException e) {
            org.junit.jupiter.api.Assumptions.abort("port " + port + " of 127.0.0.1 is taken");
            throw e;
        }
    }

    private static SSLContext serverContext(IssuedCertificate issued) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(issued.keyStore(), new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void answer(HttpExchange exchange, String expected, String realm, String body) throws IOException {
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
            exchange.sendResponseHeaders(401, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        mesos.stop(0);
        marathon.stop(0);
    }

    private static ClusterLayout layout() {
        return new ClusterLayout(List.of(new ClusterLayout.Member("master1", "127.0.0.1", null)), List.of(),
                List.<Map<String, Object>>of());
    }

    @Test
    void withTheAdminsCredentialsTheProbeSeesTheLeaders() {
        ClusterStatus status = new ClusterProbe(ADMIN, NodeCertificates.client(tls)).probe(layout());
        assertEquals("master1", status.mesosLeader());
        assertEquals("127.0.0.1:8080", status.marathonLeader());
        assertTrue(status.ready(), status.toString());
    }

    @Test
    void withoutThemTheClusterSaysNothing() {
        ClusterStatus status = new ClusterProbe(null, NodeCertificates.client(tls)).probe(layout());
        assertEquals(null, status.mesosLeader());
        assertEquals(null, status.marathonLeader());
        assertEquals("answers 401 without a leader", status.masters().get(0).mesos());
    }

    @Test
    void aServerOfAnotherAuthorityIsNotBelieved(@TempDir Path other) {
        NodeCertificates.in(other, "another");
        ClusterStatus status = new ClusterProbe(ADMIN, NodeCertificates.client(other)).probe(layout());
        assertEquals(null, status.mesosLeader());
        assertTrue(status.masters().get(0).mesos().startsWith("no answer"), status.masters().get(0).mesos());
    }
}
