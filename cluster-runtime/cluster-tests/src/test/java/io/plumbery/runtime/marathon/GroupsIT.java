package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Groups as objects of their own on a real in-process cluster (ZooKeeper, a master, two agents on loopback): empty
 * groups, group dependencies ordering the start, versions and rollbacks, scaleBy; and the task listing as text and
 * wiped tasks. Each test uses its own group.
 */
class GroupsIT extends WithListeningMarathon {

    @Test
    void emptyGroupsAreCreatedListedAndDeletedAndAnnounced() throws Exception {
        MarathonClient.Reply created = client.send("POST", "/v2/groups", "{\"id\":\"/shelf\",\"groups\":[{\"id\":"
                + "\"empty\"}]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v2/groups/shelf");
        String version = created.body().path("version").asText();
        JsonNode shelf = client.get("/v2/groups/shelf").body();
        assertThat(shelf.path("groups").get(0).path("id").asText()).isEqualTo("/shelf/empty");
        assertThat(shelf.path("groups").get(0).path("apps")).isEmpty();
        assertThat(shelf.path("version").asText()).isEqualTo(version);
        assertThat(client.get("/v2/groups").body().path("groups").findValuesAsText("id")).contains("/shelf",
                "/shelf/empty");
        await().atMost(WAIT).until(() -> client.events("group_change_success").stream()
                .anyMatch(e -> e.path("groupId").asText().equals("/") && e.path("version").asText().equals(version)));
        assertThat(client.send("POST", "/v2/groups", "{\"id\":\"/shelf\"}").status()).isEqualTo(409);

        MarathonClient.Reply deleted = client.send("DELETE", "/v2/groups/shelf/empty", null);
        assertThat(deleted.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.events("group_change_success").stream()
                .anyMatch(e -> e.path("groupId").asText().equals("/shelf")
                        && e.path("version").asText().equals(deleted.body().path("version").asText())));
        assertThat(client.get("/v2/groups/shelf/empty").status()).isEqualTo(404);
        assertThat(client.get("/v2/groups/shelf").body().path("groups")).isEmpty();
        assertThat(client.send("DELETE", "/v2/groups/shelf", null).status()).isEqualTo(200);
        assertThat(client.get("/v2/groups/shelf").status()).isEqualTo(404);
    }

    @Test
    void aGroupsDependenciesStartItsAppsAfterThoseOfTheGroupItNames() throws Exception {
        String pg = MarathonIT.app("pg", 1, ",\"cmd\":\"sleep 4 && exec python3 -m http.server $PORT0 --bind $HOST\""
                + GroupDeploymentIT.TCP_CHECK);
        // the apps name no dependency: the web group's dependency on the db group orders them
        String tree = "{\"id\":\"/shop\",\"groups\":[{\"id\":\"web\",\"dependencies\":[\"/shop/db\"],\"apps\":["
                + MarathonIT.app("fe", 1, "") + "]},{\"id\":\"db\",\"apps\":[" + pg + "]}]}";
        MarathonClient.Reply created = client.send("POST", "/v2/groups", tree);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("deploymentId").asText();
        JsonNode plan = deployment(id);
        assertThat(GroupDeploymentIT.steps(plan)).containsExactly(
                "StartApplication /shop/db/pg, StartApplication /shop/web/fe", "ScaleApplication /shop/db/pg",
                "ScaleApplication /shop/web/fe");
        assertThat(client.get("/v2/groups/shop/web").body().path("dependencies")).extracting(JsonNode::asText)
                .containsExactly("/shop/db");
        await().atMost(WAIT).until(() -> success(id));
        List<JsonNode> events = List.copyOf(client.events);
        int pgHealthy = GroupDeploymentIT.indexOf(events, e -> e.path("eventType").asText()
                .equals("health_status_changed_event") && e.path("appId").asText().equals("/shop/db/pg")
                && e.path("alive").asBoolean());
        assertThat(pgHealthy).isNotNegative();
        Instant healthyAt = Instant.parse(events.get(pgHealthy).path("timestamp").asText())
                .truncatedTo(ChronoUnit.MILLIS);
        for (JsonNode t : client.get("/v2/apps/shop/web/fe/tasks").body().path("tasks")) {
            assertThat(Instant.parse(t.path("stagedAt").asText())).isAfterOrEqualTo(healthyAt);
        }
        // a dependency back from db to web closes a cycle
        MarathonClient.Reply cycle = client.send("PUT", "/v2/groups/shop/db", "{\"dependencies\":[\"/shop/web\"]}");
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.body().toString()).contains("Dependency graph has cyclic dependencies.");
        await().atMost(WAIT).until(() -> client.events("group_change_failed").stream()
                .anyMatch(e -> e.path("groupId").asText().equals("/shop")
                        && e.path("reason").asText().equals("Object is not valid")));
        assertThat(client.send("DELETE", "/v2/groups/shop?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void scaleByAndARollbackToAVersionReachTheTasks() throws Exception {
        MarathonClient.Reply created = client.send("POST", "/v2/groups", "{\"id\":\"/ver\",\"apps\":["
                + MarathonIT.app("a", 1, "") + "]}");
        String v1 = created.body().path("version").asText();
        await().atMost(WAIT).until(() -> success(created.body().path("deploymentId").asText()));
        Set<String> first = taskIds("/ver/a");

        MarathonClient.Reply scaled = client.send("PUT", "/v2/groups/ver", "{\"scaleBy\":2.5}");
        assertThat(scaled.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.running("/ver/a").size() == 3);
        assertThat(taskIds("/ver/a")).containsAll(first);
        String v2 = scaled.body().path("version").asText();
        JsonNode versions = client.get("/v2/groups/ver/versions").body();
        assertThat(versions).extracting(JsonNode::asText).containsExactly(v2, v1);
        assertThat(client.get("/v2/groups/ver/versions/" + v1).body().path("apps").get(0).path("instances").asInt())
                .isEqualTo(1);

        await().atMost(WAIT).until(() -> success(scaled.body().path("deploymentId").asText()));
        MarathonClient.Reply back = client.send("PUT", "/v2/groups/ver", "{\"version\":\"" + v1 + "\"}");
        assertThat(back.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.running("/ver/a").size() == 1);
        assertThat(client.get("/v2/apps/ver/a").body().path("app").path("instances").asInt()).isEqualTo(1);
        assertThat(client.send("DELETE", "/v2/groups/ver?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void tasksAreListedAsTextAndAWipedTaskIsForgottenAndReplaced() throws Exception {
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/txt/app", 2, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/txt/app").size() == 2);
        int servicePort = client.get("/v2/apps/txt/app").body().path("app").path("portDefinitions").get(0)
                .path("port").asInt();
        String text = text("/v2/apps/txt/app/tasks");
        assertThat(text).startsWith("txt_app\t" + servicePort + "\t").endsWith("\t\n");
        for (JsonNode t : client.running("/txt/app")) {
            assertThat(text).contains(t.path("host").asText() + ":" + t.path("ports").get(0).asInt() + "\t");
        }
        assertThat(text("/v2/tasks")).contains(text);

        String victim = client.running("/txt/app").get(0).path("id").asText();
        assertThat(client.send("DELETE", "/v2/apps/txt/app/tasks/" + victim + "?wipe=true&scale=true", null)
                .status()).isEqualTo(400);
        MarathonClient.Reply wiped = client.send("DELETE", "/v2/apps/txt/app/tasks/" + victim + "?wipe=true", null);
        assertThat(wiped.status()).isEqualTo(200);
        assertThat(wiped.body().path("task").path("id").asText()).isEqualTo(victim);
        assertThat(client.get("/v2/apps/txt/app/tasks").body().findValuesAsText("id")).doesNotContain(victim);
        await().atMost(WAIT).until(() -> client.running("/txt/app").size() == 2);
        assertThat(client.send("DELETE", "/v2/apps/txt/app?force=true", null).status()).isEqualTo(200);
    }

    // ---- helpers ----

    private String text(String path) throws Exception {
        MarathonClient.Reply r = client.get(path, "text/plain");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.raw().body();
    }

    private JsonNode deployment(String id) throws Exception {
        for (JsonNode d : client.get("/v2/deployments").body()) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        return null;
    }

    private boolean success(String id) {
        return client.events("deployment_success").stream().anyMatch(e -> e.path("id").asText().equals(id));
    }

    private Set<String> taskIds(String appId) throws Exception {
        return client.running(appId).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    }
}
