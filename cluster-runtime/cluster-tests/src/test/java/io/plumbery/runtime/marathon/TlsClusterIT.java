package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.http.Credential;
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
 * A whole in-process cluster secured as a deployed one is: the process's TLS on, as {@code LIBPROCESS_SSL_*} turns it
 * on, and every API asking for credentials. Agents register with the master, Marathon subscribes and launches, all
 * over HTTPS verified against one CA and authenticated; plain HTTP, clients trusting another authority and requests
 * without credentials are refused.
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
        cluster = new TestCluster(dir, 2, 1, true);
        await().atMost(WAIT).until(cluster::ready);
        marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed());
        client = new MarathonClient(marathon.endpoint(), ClusterSecrets.ADMIN);
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
        HttpClient trusting = Tls.forProcess().client().build();
        String master = "https://127.0.0.1:" + cluster.master.port();
        HttpResponse<String> state = get(trusting, master, ClusterSecrets.ADMIN);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"TASK_RUNNING\"");
        assertThat(get(trusting, master, null).statusCode()).isEqualTo(401);
        assertThat(new MarathonClient(marathon.endpoint()).get("/v2/apps").status()).isEqualTo(401);
    }

    @Test
    void plainHttpAndForeignAuthoritiesAreRefused() {
        String master = "127.0.0.1:" + cluster.master.port();
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://" + master, null)).isInstanceOf(IOException.class);
        HttpClient foreign = certificates.tls("other.pem", false).client().build();
        assertThatThrownBy(() -> get(foreign, "https://" + master, ClusterSecrets.ADMIN)).isInstanceOf(SSLHandshakeException.class);
        String agent = "127.0.0.2:" + cluster.agents.get(0).port();
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://" + agent, null)).isInstanceOf(IOException.class);
    }

    private static HttpResponse<String> get(HttpClient http, String base, Credential credential) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/master/state")).timeout(Duration.ofSeconds(10));
        if (credential != null) {
            b.header("Authorization", credential.basicAuthorization());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
