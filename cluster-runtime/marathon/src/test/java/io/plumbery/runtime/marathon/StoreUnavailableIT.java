package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * Data safety: a change is in ZooKeeper when Marathon answers it; with ZooKeeper stopped every change is 503 in
 * Marathon's shape and the leader keeps none of them; when ZooKeeper is back, so is the API, with the stored state.
 */
class StoreUnavailableIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String base;

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : MarathonJson.MAPPER.readTree(r.body()));
    }

    static String app(String id, int instances) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 100\",\"cpus\":0.1,\"mem\":16,\"instances\":" + instances + "}";
    }

    List<String> appIds() throws Exception {
        Reply r = send("GET", "/v2/apps", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body().path("apps").findValuesAsText("id");
    }

    @Test
    void changesAre503AndForgottenWhileZooKeeperIsAway() throws Exception {
        try (TestingServer zk = new TestingServer(TestPorts.freePort(), true)) {
            // a session that outlives the outage, so that this instance still leads while ZooKeeper is away
            MarathonConfig config = new MarathonConfig("127.0.0.1", "127.0.0.1", 0, "127.0.0.1:1",
                    "zk://" + zk.getConnectString() + "/marathon", "marathon", 60, 1, Duration.ofSeconds(30),
                    Duration.ofMillis(250), Duration.ofSeconds(30), DockerPolicy.SAFE, MarathonConfig.PROCESS_USER, null);
            CuratorFramework reader = Zk.client(zk.getConnectString(), 30_000);
            reader.start();
            try (MarathonServer marathon = new MarathonServer(config)) {
                marathon.start();
                base = "http://" + marathon.endpoint();
                await().atMost(WAIT).until(marathon::isLeader);

                Reply created = send("POST", "/v2/apps", app("/kept", 0));
                assertThat(created.status()).isEqualTo(201);
                // stored when answered
                assertThat(reader.getChildren().forPath("/marathon/state/apps")).containsExactly("kept");
                await().atMost(WAIT).until(() -> send("GET", "/v2/deployments", null).body().isEmpty());

                zk.stop();
                await().atMost(WAIT).until(() -> send("POST", "/v2/apps", app("/lost", 1)).status() == 503);
                Reply refused = send("POST", "/v2/apps", app("/lost", 1));
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.body().path("message").asText()).startsWith("The change could not be stored");
                assertThat(send("PUT", "/v2/apps/kept", app("/kept", 3)).status()).isEqualTo(503);
                assertThat(send("PUT", "/v2/apps/kept?force=true", "{\"cmd\":\"sleep 5\"}").status()).isEqualTo(503);
                assertThat(send("POST", "/v2/apps/kept/restart", null).status()).isEqualTo(503);
                assertThat(send("DELETE", "/v2/apps/kept", null).status()).isEqualTo(503);
                assertThat(send("POST", "/v2/groups", "{\"id\":\"/g\",\"apps\":[" + app("/g/a", 1) + "]}").status())
                        .isEqualTo(503);

                // nothing of it was kept: the leader still answers from what is stored
                assertThat(marathon.isLeader()).isTrue();
                assertThat(appIds()).containsExactly("/kept");
                JsonNode kept = send("GET", "/v2/apps/kept", null).body().path("app");
                assertThat(kept.path("instances").asInt()).isZero();
                assertThat(kept.path("cmd").asText()).isEqualTo("sleep 100");
                assertThat(send("GET", "/v2/deployments", null).body()).isEmpty();
                assertThat(send("GET", "/v2/apps/kept/versions", null).status()).isEqualTo(503);

                zk.restart();
                assertThat(reader.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
                await().atMost(WAIT).until(() -> send("PUT", "/v2/apps/kept", app("/kept", 0).replace("100", "200"))
                        .status() == 200);
                assertThat(reader.getChildren().forPath("/marathon/state/apps")).containsExactly("kept");
                assertThat(send("GET", "/v2/apps/kept", null).body().path("app").path("cmd").asText())
                        .isEqualTo("sleep 200");
                assertThat(send("GET", "/v2/apps/kept/versions", null).body().path("versions")).hasSize(2);
            } finally {
                Zk.closeQuietly(reader, 2000);
            }
        }
    }
}
