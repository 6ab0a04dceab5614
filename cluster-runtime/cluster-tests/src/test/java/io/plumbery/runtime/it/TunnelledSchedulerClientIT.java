package io.plumbery.runtime.it;

import static io.plumbery.runtime.it.SchedulerScenario.WORK;
import static io.plumbery.runtime.it.SchedulerScenario.assertTaskRanAndFrameworkWasTornDown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbery.net.TlsForwarder;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.TestCertificates;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.marathon.ClusterSecrets;
import io.plumbery.runtime.master.MasterServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * mesos-rxjava's protobuf client, whose HTTP client has no TLS, reaches a master that speaks TLS alone (and asks for
 * credentials, with the deploy's ACLs) through the tunnel's forwarder (plumbery's {@code tunnel}): it still
 * authenticates itself with its principal and secret, and runs the scenario of {@link SchedulerClientsIT} step by step.
 * What comes through the tunnel without credentials is refused, as it would be without the tunnel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelledSchedulerClientIT {
    private static final Credential ADMIN = ClusterSecrets.ADMIN;

    @TempDir
    static Path dir;
    MasterServer master;
    AgentServer agent;
    TlsForwarder tunnel;
    String tunnelUrl;
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        TestCertificates certificates = TestCertificates.make(Files.createDirectories(dir.resolve("tls")),
                "IP:127.0.0.1,IP:127.0.0.2");
        Tls.useForProcess(certificates.tls("ca.pem", false));
        master = Cluster.master("127.0.0.1", null, dir.resolve("master"), ClusterSecrets.master());
        agent = Cluster.agent("127.0.0.2", "127.0.0.1:" + master.port(), dir.resolve("agent"), ClusterSecrets.agent());
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
        tunnel = new TlsForwarder("master", 0, () -> new InetSocketAddress("127.0.0.1", master.port()),
                Tls.forProcess().clientContext(), Duration.ofSeconds(10), problems::add);
        tunnel.start();
        tunnelUrl = "http://127.0.0.1:" + tunnel.port();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (AutoCloseable c : new AutoCloseable[] {tunnel, agent, master}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            Tls.useForProcess(Tls.plain());
        }
    }

    @Test
    void theMasterSpeaksTlsAlone() {
        assertThatThrownBy(() -> Cluster.get("127.0.0.1:" + master.port(), "/health")).isInstanceOf(IOException.class);
    }

    @Test
    void mesosRxJavaProtobufClientRunsATaskThroughTheTunnel() throws Exception {
        DriverProcess driver = SchedulerScenario.runRxJava(tunnelUrl, "rxjava-tunnel-it", WORK.resolve("rxjava-tunnel"),
                Map.of("MESOS_PRINCIPAL", ADMIN.principal(), "MESOS_SECRET", ADMIN.secret()));
        assertTaskRanAndFrameworkWasTornDown(tunnelUrl, driver, ADMIN);
        assertThat(problems).isEmpty();
    }

    @Test
    void theTunnelAddsNoCredentials() throws Exception {
        String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"nobody\","
                + "\"name\":\"no-credentials\"}}}";
        HttpResponse<String> refused = Cluster.HTTP.send(HttpRequest.newBuilder(URI.create(tunnelUrl
                        + "/api/v1/scheduler")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(subscribe)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mesos-master-scheduler\"");
    }
}
