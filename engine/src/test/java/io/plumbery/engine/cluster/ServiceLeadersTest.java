package io.plumbery.engine.cluster;

import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.net.TlsForwarder;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tunnel's leader lookup and forwarding against a real master of the cluster runtime on loopback, serving HTTPS
 * alone with a certificate of a plan's authority (as deploy issues them): the master's {@code /redirect} names the
 * leader, a plain HTTP request through the forwarder reaches it, and a service that no master runs is named in the
 * line of the connection that could not be placed.
 */
class ServiceLeadersTest {

    @TempDir
    Path dir;
    private MasterServer master;
    private SSLContext trusting;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tlsMaster() throws Exception {
        Path tls = dir.resolve("tls");
        NodeCertificates.in(tls, "tunnel-test").forNode("master1", List.of("master1"), List.of("127.0.0.1"));
        Tls.useForProcess(Tls.of(tls.resolve("master1.pem"), tls.resolve("master1-key.pem"), tls.resolve("ca.pem"),
                false));
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir.resolve("master")));
        master.start();
        trusting = NodeCertificates.trusting(tls).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            master.close();
        } finally {
            Tls.useForProcess(Tls.plain());
        }
    }

    private ServiceLeaders leaders() {
        ClusterLayout.Member master1 = new ClusterLayout.Member("master1", "127.0.0.1", null);
        return new ServiceLeaders(new ClusterHttp(null, NodeCertificates.client(dir.resolve("tls"))), List.of(master1),
                service -> master.port());
    }

    @Test
    void theLeadingMasterIsFoundAndReachedThroughTheForwarder() throws Exception {
        ServiceLeaders leaders = leaders();
        assertEquals(new InetSocketAddress("127.0.0.1", master.port()), leaders.leader(ServiceLeaders.Service.MASTER));
        try (TlsForwarder forwarder = new TlsForwarder("master", 0,
                () -> leaders.leader(ServiceLeaders.Service.MASTER), trusting, Duration.ofSeconds(10), problems::add)) {
            forwarder.start();
            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + forwarder.port() + "/master/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, state.statusCode(), state.body());
            assertTrue(state.body().contains("\"leader\""), state.body());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aServiceThatNoMasterRunsIsNamedInTheLineOfTheConnection() throws Exception {
        ServiceLeaders leaders = leaders();
        IOException none = assertThrows(IOException.class, () -> leaders.leader(ServiceLeaders.Service.MARATHON));
        assertTrue(none.getMessage().startsWith("no leading marathon answered (master1"), none.getMessage());
        try (TlsForwarder forwarder = new TlsForwarder("marathon", 0,
                () -> leaders.leader(ServiceLeaders.Service.MARATHON), trusting, Duration.ofSeconds(10), problems::add);
             Socket client = new Socket("127.0.0.1", forwarder.port())) {
            forwarder.start();
            assertEquals(-1, client.getInputStream().read());
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("marathon: connection from port ")
                && problems.get(0).contains("closed: no leading marathon answered"), problems.get(0));
    }
}
