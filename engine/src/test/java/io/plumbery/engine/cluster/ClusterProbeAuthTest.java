package io.plumbery.engine.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plumbery.bootstrap.model.ClusterCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * the answer with): one JDK HTTP server on 127.0.0.1 stands for both ports' paths.
 */
class ClusterProbeAuthTest {
    private static final ClusterCredentials.Principal ADMIN = new ClusterCredentials.Principal("admin",
            "AdminSecretXXXXXXXXXX");

    private HttpServer mesos;
    private HttpServer marathon;

    @BeforeEach
    void start() throws IOException {
        mesos = server(ClusterLayout.MASTER_PORT);
        marathon = server(ClusterLayout.MARATHON_PORT);
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
    private static HttpServer server(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (java.net.BindException e) {
            org.junit.jupiter.api.Assumptions.abort("port " + port + " of 127.0.0.1 is taken");
            throw e;
        }
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
        ClusterStatus status = new ClusterProbe(ADMIN).probe(layout());
        assertEquals("master1", status.mesosLeader());
        assertEquals("127.0.0.1:8080", status.marathonLeader());
        assertTrue(status.ready(), status.toString());
    }

    @Test
    void withoutThemTheClusterSaysNothing() {
        ClusterStatus status = new ClusterProbe(null).probe(layout());
        assertEquals(null, status.mesosLeader());
        assertEquals(null, status.marathonLeader());
        assertEquals("answers 401 without a leader", status.masters().get(0).mesos());
    }
}
