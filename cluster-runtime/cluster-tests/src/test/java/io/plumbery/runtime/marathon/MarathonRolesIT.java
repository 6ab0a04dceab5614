package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marathon 1.9's roles on a real in-process cluster (ZooKeeper, a master, four agents of 4 cpus): one MULTI_ROLE
 * framework runs apps in two roles, and the master's weighted DRF shares the agents between them; an app that accepts
 * only resources reserved for its role, which no agent has, waits in the queue; a role the app may not use is 422.
 */
class MarathonRolesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Tls TLS = Tls.forProcess();
    private static final HttpClient HTTP = TLS.client().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private TestCluster cluster;
    private MarathonClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestCluster(dir, 4);
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer m = new MarathonServer(MarathonConfig.of("127.0.0.1", 0, cluster.mesosUrl(),
                cluster.marathonUrl()).withDeclineOfferSeconds(1).withRoles(RolePolicy.of("*", List.of())), Set.of(),
                MarathonAuth.OPEN);
        m.start();
        cluster.marathons.add(m);
        await().atMost(WAIT).until(() -> m.isLeader() && m.scheduler() != null && m.scheduler().isSubscribed());
        client = new MarathonClient(m.endpoint());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        cluster.close();
    }

    private static String app(String id, String role, int instances, String extra) {
        return "{\"id\":\"" + id + "\",\"role\":\"" + role + "\",\"cmd\":\"sleep 600\",\"cpus\":1,\"mem\":16,"
                + "\"instances\":" + instances + ",\"backoffSeconds\":0.2" + extra + "}";
    }

    @Test
    void twoAppsInRolesOfWeight3And1ShareTheAgentsThreeToOne() throws Exception {
        operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":["
                + "{\"role\":\"analytics\",\"weight\":3},{\"role\":\"batch\",\"weight\":1}]}}");
        // one change with both apps: the framework asks for both roles at once, each wanting all 16 cpus
        MarathonClient.Reply both = client.send("PUT", "/v2/apps", "[" + app("/analytics/work", "analytics", 16, "")
                + "," + app("/batch/work", "batch", 16, "") + "]");
        assertThat(both.status()).isEqualTo(200);

        try {
            await().atMost(WAIT).until(() -> client.running("/analytics/work").size()
                    + client.running("/batch/work").size() == 16);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("running " + client.running("/analytics/work").size() + " + "
                    + client.running("/batch/work").size() + "; master roles " + master("/master/roles") + "; tasks "
                    + client.get("/v2/tasks").body() + "; queue " + client.get("/v2/queue").body(), e);
        }
        assertThat(client.running("/analytics/work")).hasSize(12);
        assertThat(client.running("/batch/work")).hasSize(4);
        assertThat(client.running("/batch/work").get(0).path("role").asText()).isEqualTo("batch");

        JsonNode roles = Json.parse(master("/master/roles"));
        assertThat(allocatedCpus(roles, "analytics")).isEqualTo(12.0);
        assertThat(allocatedCpus(roles, "batch")).isEqualTo(4.0);
        JsonNode framework = Json.parse(master("/master/frameworks")).path("frameworks").get(0);
        assertThat(framework.path("roles").toString()).contains("\"analytics\"", "\"batch\"");
        assertThat(client.get("/v2/queue").body().path("queue").toString()).contains("\"role\":\"analytics\"");
    }

    @Test
    void anAppThatAcceptsOnlyItsRolesReservationsWaitsAndARoleOutsideItsGroupIsRefused() throws Exception {
        assertThat(client.send("POST", "/v2/apps", app("/analytics/reserved", "analytics", 1,
                ",\"acceptedResourceRoles\":[\"analytics\"]")).status()).isEqualTo(201);
        assertThat(client.send("POST", "/v2/apps", app("/analytics/free", "analytics", 1, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/analytics/free").size() == 1);
        await().atMost(WAIT).until(() -> client.get("/v2/queue").body().toString().contains("UnfulfilledRole"));
        assertThat(client.running("/analytics/reserved")).isEmpty();

        MarathonClient.Reply refused = client.send("POST", "/v2/apps", app("/web", "analytics", 1, ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("details").get(0).path("path").asText()).isEqualTo("/role");
        MarathonClient.Reply other = client.send("POST", "/v2/apps", app("/analytics/x", "analytics", 1,
                ",\"acceptedResourceRoles\":[\"batch\"]"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().toString()).contains("acceptedResourceRoles can only contain * and analytics");
        assertThat(client.get("/v2/apps/analytics/free").body().path("app").path("role").asText()).isEqualTo("analytics");
        assertThat(client.send("POST", "/v2/apps", "{\"id\":\"/plain\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16}")
                .body().path("role").asText()).isEqualTo("*");
    }

    private static double allocatedCpus(JsonNode roles, String role) {
        for (JsonNode r : roles.path("roles")) {
            if (r.path("name").asText().equals(role)) {
                return r.path("allocated").path("cpus").asDouble();
            }
        }
        return -1;
    }

    private String master(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(TLS.url("127.0.0.1:" + cluster.master.port()) + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void operator(String call) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TLS.url("127.0.0.1:" + cluster.master.port())
                        + "/api/v1")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
