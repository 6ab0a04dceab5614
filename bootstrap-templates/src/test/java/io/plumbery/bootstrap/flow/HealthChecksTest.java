package io.plumbery.bootstrap.flow;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bash-only HTTP check, run by a local bash against a JDK HTTP server on 127.0.0.1. */
class HealthChecksTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/master/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/guarded", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mesos-dns\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return process.exitValue();
    }

    @Test
    void bashHttpGetPassesOn2xxAnd401Only() throws Exception {
        int port = server.getAddress().getPort();
        assertEquals(0, run(HealthChecks.bashHttpGet("127.0.0.1", port, "/master/health")));
        assertTrue(run(HealthChecks.bashHttpGet("127.0.0.1", port, "/broken")) != 0, "503 is unhealthy");
        assertTrue(run(HealthChecks.bashHttpGet("127.0.0.1", port, "/missing")) != 0, "404 is unhealthy");
        server.stop(0);
        assertTrue(run(HealthChecks.bashHttpGet("127.0.0.1", port, "/master/health")) != 0, "closed port is unhealthy");
    }

    @Test
    void aServiceThatAsksForCredentialsIsUp() throws Exception {
        assertEquals(0, run(HealthChecks.bashHttpGet("127.0.0.1", server.getAddress().getPort(), "/guarded")));
    }
}
