package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.http.TestCertificates;
import io.plumbery.runtime.http.Tls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole in-process cluster with the process's TLS on, as {@code LIBPROCESS_SSL_*} turns it on for a deployed one:
 * agents register with the master, Marathon subscribes and launches, all over HTTPS verified against one CA; plain
 * HTTP and clients trusting another authority are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsClusterIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    TestCertificates certificates;
    TestCluster cluster;
    MarathonServer marathon;
    MarathonClient client;

    @BeforeAll
    void start() throws Exception {
        certificates = TestCertificates.make(Files.createDirectories(dir.resolve("tls")),
                "IP:127.0.0.1,IP:127.0.0.2,IP:127.0.0.3");
        Tls.useForProcess(certificates.tls("ca.pem", false));
        cluster = new TestCluster(dir, 2);
        await().atMost(WAIT).until(cluster::ready);
        marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed());
        client = new MarathonClient(marathon.endpoint());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            Tls.useForProcess(Tls.plain());
        }
    }

    @Test
    void anAppRunsWithEveryCallOverTls() throws Exception {
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/tls-app", 2, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/tls-app").size() == 2);
        HttpResponse<String> state = get(Tls.forProcess().client().build(), "https://127.0.0.1:" + cluster.master.port());
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"TASK_RUNNING\"");
    }

    @Test
    void plainHttpAndForeignAuthoritiesAreRefused() {
        String master = "127.0.0.1:" + cluster.master.port();
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://" + master)).isInstanceOf(IOException.class);
        HttpClient foreign = certificates.tls("other.pem", false).client().build();
        assertThatThrownBy(() -> get(foreign, "https://" + master)).isInstanceOf(SSLHandshakeException.class);
        String agent = "127.0.0.2:" + cluster.agents.get(0).port();
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://" + agent)).isInstanceOf(IOException.class);
    }

    private static HttpResponse<String> get(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/master/state")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
