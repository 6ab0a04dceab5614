package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Group changes as ONE deployment whose steps follow the apps' dependencies, on a real in-process cluster
 * (ZooKeeper, a master, two agents on loopback). Each test uses its own group.
 */
class GroupDeploymentIT extends WithListeningMarathon {
    static final String TCP_CHECK = ",\"healthChecks\":[{\"protocol\":\"TCP\",\"portIndex\":0,"
            + "\"gracePeriodSeconds\":30,\"intervalSeconds\":1,\"timeoutSeconds\":0,\"maxConsecutiveFailures\":0}]";
    static final String SERVE = ",\"cmd\":\"exec python3 -m http.server $PORT0 --bind $HOST\"" + TCP_CHECK;
    /** Listens on its port only after 4 s: its TCP health check fails until then. */
    static final String SLOW_DB = MarathonIT.app("db", 1, ",\"cmd\":\"sleep 4 && exec python3 -m http.server $PORT0 "
            + "--bind $HOST\"" + TCP_CHECK);
    /** Never listens: never healthy (and never killed for it). */
    static final String NEVER_HEALTHY = TCP_CHECK;

    @Test
    void dependentAppLaunchesOnlyOnceItsDependencyIsRunningAndHealthy() throws Exception {
        // web listed first: the order comes from the dependency, not from the request
        String group = "{\"id\":\"/prod\",\"apps\":[" + MarathonIT.app("web", 2, ",\"dependencies\":[\"../db\"]")
                + "," + SLOW_DB + "]}";
        MarathonClient.Reply created = client.send("POST", "/v2/groups", group);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder("version",
                "deploymentId");
        String id = created.body().path("deploymentId").asText();

        // Marathon's plan: register both, then scale db, then (db ready) scale web
        JsonNode listed = deployment(id);
        assertThat(listed.path("affectedApps")).extracting(JsonNode::asText)
                .containsExactly("/prod/db", "/prod/web");
        assertThat(listed.path("affectedPods")).isEmpty();
        assertThat(listed.path("version").asText()).isEqualTo(created.body().path("version").asText());
        assertThat(steps(listed)).containsExactly("StartApplication /prod/db, StartApplication /prod/web",
                "ScaleApplication /prod/db", "ScaleApplication /prod/web");
        assertThat(listed.path("totalSteps").asInt()).isEqualTo(3);

        // while db is not healthy the deployment waits at step 2 and web has no task, though the API shows it
        await().atMost(WAIT).until(() -> deployment(id) != null && deployment(id).path("currentStep").asInt() == 2);
        JsonNode atStep2 = deployment(id);
        assertThat(atStep2.path("currentActions").get(0).path("action").asText()).isEqualTo("ScaleApplication");
        assertThat(atStep2.path("currentActions").get(0).path("app").asText()).isEqualTo("/prod/db");
        assertThat(atStep2.path("currentActions").get(0).path("readinessCheckResults").isArray()).isTrue();
        JsonNode web = client.get("/v2/apps/prod/web").body().path("app");
        assertThat(web.path("instances").asInt()).isEqualTo(2);
        assertThat(web.path("tasks")).isEmpty();
        assertThat(web.path("deployments").get(0).path("id").asText()).isEqualTo(id);
        assertThat(client.get("/v2/groups/prod").body().path("apps")).extracting(a -> a.path("id").asText())
                .containsExactlyInAnyOrder("/prod/db", "/prod/web");

        await().atMost(WAIT).until(() -> success(id) != null);
        assertThat(deployment(id)).isNull();
        assertThat(client.running("/prod/web")).hasSize(2);

        // the event stream: db running, then db healthy, then the first web task
        List<JsonNode> events = List.copyOf(client.events);
        int dbRunning = indexOf(events, e -> isStatus(e, "/prod/db", "TASK_RUNNING"));
        int dbHealthy = indexOf(events, e -> e.path("eventType").asText().equals("health_status_changed_event")
                && e.path("appId").asText().equals("/prod/db") && e.path("alive").asBoolean());
        int firstWeb = indexOf(events, e -> e.path("eventType").asText().equals("status_update_event")
                && e.path("appId").asText().equals("/prod/web"));
        assertThat(dbRunning).isNotNegative().isLessThan(dbHealthy);
        assertThat(firstWeb).isGreaterThan(dbHealthy);
        Instant healthyAt = Instant.parse(events.get(dbHealthy).path("timestamp").asText()).truncatedTo(ChronoUnit.MILLIS);
        for (JsonNode t : client.get("/v2/apps/prod/web/tasks").body().path("tasks")) {
            assertThat(Instant.parse(t.path("stagedAt").asText())).isAfterOrEqualTo(healthyAt);
        }
        // one deployment_info and one deployment_step_success per step, in order, then deployment_success
        assertThat(stepEvents("deployment_info", id)).containsExactly(
                "StartApplication /prod/db, StartApplication /prod/web", "ScaleApplication /prod/db",
                "ScaleApplication /prod/web");
        assertThat(stepEvents("deployment_step_success", id)).hasSize(3);
        assertThat(success(id).path("plan").path("steps")).hasSize(3);

        // re-sending the same group changes nothing: an empty plan, done at once, tasks untouched
        Set<String> tasks = taskIds("/prod/web");
        MarathonClient.Reply same = client.send("PUT", "/v2/groups/prod", group);
        assertThat(same.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> success(same.body().path("deploymentId").asText()) != null);
        assertThat(success(same.body().path("deploymentId").asText()).path("plan").path("steps")).isEmpty();
        assertThat(taskIds("/prod/web")).isEqualTo(tasks);

        // a group DELETE is one deployment too, its stops in one step as Marathon's
        MarathonClient.Reply deleted = client.send("DELETE", "/v2/groups/prod", null);
        assertThat(deleted.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> success(deleted.body().path("deploymentId").asText()) != null
                && client.get("/v2/groups/prod").status() == 404);
        assertThat(stepEvents("deployment_info", deleted.body().path("deploymentId").asText()))
                .containsExactly("StopApplication /prod/db, StopApplication /prod/web");
    }

    @Test
    void cyclesAndUnknownDependenciesAreRefused() throws Exception {
        String cycle = "{\"id\":\"/cyc\",\"apps\":[" + MarathonIT.app("a", 0, ",\"dependencies\":[\"b\"]") + ","
                + MarathonIT.app("b", 0, ",\"dependencies\":[\"/cyc/sub\"]") + "],\"groups\":[{\"id\":\"sub\","
                + "\"apps\":[" + MarathonIT.app("c", 0, ",\"dependencies\":[\"../../a\"]") + "]}]}";
        MarathonClient.Reply refused = client.send("POST", "/v2/groups", cycle);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("message").asText()).isEqualTo("Object is not valid");
        assertThat(refused.body().path("details").get(0).path("path").asText()).isEqualTo("/");
        assertThat(refused.body().path("details").get(0).path("errors").get(0).asText())
                .isEqualTo("Dependency graph has cyclic dependencies.");
        assertThat(client.get("/v2/groups/cyc").status()).isEqualTo(404);

        MarathonClient.Reply unknown = client.send("POST", "/v2/groups", "{\"id\":\"/unk\",\"apps\":["
                + MarathonIT.app("a", 0, "") + "," + MarathonIT.app("b", 0, ",\"dependencies\":[\"a\",\"/nowhere/x\"]")
                + "]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().path("details")).hasSize(1);
        assertThat(unknown.body().path("details").get(0).path("path").asText()).isEqualTo("/apps(1)/dependencies(1)");
        assertThat(unknown.body().path("details").get(0).path("errors").get(0).asText()).contains("/nowhere/x");
        assertThat(client.get("/v2/groups/unk").status()).isEqualTo(404);

        // single apps: a dependency on an app that exists is fine; none, or one closing a cycle, is not
        MarathonClient.Reply solo = client.send("POST", "/v2/apps",
                MarathonIT.app("/dep/top", 0, ",\"dependencies\":[\"/dep/base\"]"));
        assertThat(solo.status()).isEqualTo(422);
        assertThat(solo.body().path("details").get(0).path("path").asText()).isEqualTo("/dependencies(0)");
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/dep/base", 0, "")).status()).isEqualTo(201);
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/dep/top", 0, ",\"dependencies\":[\"/dep/base\"]"))
                .status()).isEqualTo(201);
        MarathonClient.Reply loop = client.send("PUT", "/v2/apps/dep/base?force=true", "{\"dependencies\":[\"../top\"]}");
        assertThat(loop.status()).isEqualTo(422);
        assertThat(loop.body().toString()).contains("Dependency graph has cyclic dependencies.");
        assertThat(client.send("DELETE", "/v2/groups/dep?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void rollingBackAnUpgradeUndoesTheDependentFirstAndKeepsItsTasks() throws Exception {
        String v1 = "{\"id\":\"/up\",\"apps\":[" + MarathonIT.app("db", 1, SERVE) + ","
                + MarathonIT.app("web", 1, ",\"dependencies\":[\"../db\"]") + "]}";
        MarathonClient.Reply created = client.send("POST", "/v2/groups", v1);
        await().atMost(WAIT).until(() -> success(created.body().path("deploymentId").asText()) != null);
        Set<String> dbTasks = taskIds("/up/db");
        Set<String> webTasks = taskIds("/up/web");
        assertThat(dbTasks).hasSize(1);
        assertThat(webTasks).hasSize(1);

        // v2: db's new task never listens, so the upgrade stops at db and web keeps its v1 task
        String v2 = "{\"id\":\"/up\",\"apps\":[" + MarathonIT.app("db", 1, ",\"env\":{\"GEN\":\"2\"}" + NEVER_HEALTHY)
                + "," + MarathonIT.app("web", 1, ",\"env\":{\"GEN\":\"2\"},\"dependencies\":[\"../db\"]") + "]}";
        MarathonClient.Reply upgrade = client.send("PUT", "/v2/groups/up", v2);
        assertThat(upgrade.status()).isEqualTo(200);
        String id = upgrade.body().path("deploymentId").asText();
        assertThat(steps(deployment(id))).containsExactly("RestartApplication /up/db", "RestartApplication /up/web");
        await().atMost(WAIT).until(() -> client.running("/up/db").size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> deployment(id).path("currentStep").asInt() == 1
                && taskIds("/up/web").equals(webTasks));
        assertThat(client.get("/v2/apps/up/web").body().path("app").path("env").path("GEN").asText()).isEqualTo("2");

        // a change to an app of the running deployment conflicts
        MarathonClient.Reply conflict = client.send("PUT", "/v2/apps/up/web", "{\"instances\":2}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().path("deployments").get(0).path("id").asText()).isEqualTo(id);

        MarathonClient.Reply rollback = client.send("DELETE", "/v2/deployments/" + id, null);
        assertThat(rollback.status()).isEqualTo(200);
        String back = rollback.body().path("deploymentId").asText();
        assertThat(back).isNotEqualTo(id);
        await().atMost(WAIT).until(() -> success(back) != null);
        assertThat(client.events("deployment_failed").stream().anyMatch(e -> e.path("id").asText().equals(id))).isTrue();
        assertThat(stepEvents("deployment_info", back)).containsExactly("RestartApplication /up/web",
                "RestartApplication /up/db");
        // db back to its v1 task (the v2 one killed); web never touched
        await().atMost(WAIT).until(() -> taskIds("/up/db").equals(dbTasks));
        assertThat(taskIds("/up/web")).isEqualTo(webTasks);
        assertThat(client.get("/v2/apps/up/web").body().path("app").path("env").has("GEN")).isFalse();
        assertThat(client.send("DELETE", "/v2/groups/up?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void rollingBackACreationStopsDependentsFirstAndForceJustDrops() throws Exception {
        String group = "{\"id\":\"/stuck\",\"apps\":[" + MarathonIT.app("db", 1, NEVER_HEALTHY) + ","
                + MarathonIT.app("web", 1, ",\"dependencies\":[\"/stuck/db\"]") + "]}";
        String id = client.send("POST", "/v2/groups", group).body().path("deploymentId").asText();
        await().atMost(WAIT).until(() -> client.running("/stuck/db").size() == 1);
        assertThat(deployment(id).path("currentStep").asInt()).isEqualTo(2);

        MarathonClient.Reply rollback = client.send("DELETE", "/v2/deployments/" + id, null);
        String back = rollback.body().path("deploymentId").asText();
        await().atMost(WAIT).until(() -> success(back) != null);
        assertThat(stepEvents("deployment_info", back)).containsExactly("StopApplication /stuck/web",
                "StopApplication /stuck/db");
        assertThat(client.get("/v2/groups/stuck").status()).isEqualTo(404);
        await().atMost(WAIT).until(() -> client.get("/v2/tasks").body().path("tasks").findValuesAsText("appId")
                .stream().noneMatch(a -> a.startsWith("/stuck/")));

        // force: the deployment is dropped and its targets stay, without gating (web starts at once)
        String again = client.send("POST", "/v2/groups", group).body().path("deploymentId").asText();
        await().atMost(WAIT).until(() -> client.running("/stuck/db").size() == 1);
        assertThat(client.get("/v2/apps/stuck/web/tasks").body().path("tasks")).isEmpty();
        assertThat(client.send("DELETE", "/v2/deployments/" + again + "?force=true", null).status()).isEqualTo(202);
        assertThat(deployment(again)).isNull();
        await().atMost(WAIT).until(() -> client.running("/stuck/web").size() == 1);
        assertThat(client.send("DELETE", "/v2/groups/stuck?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void putAppsWithAListIsOneDeploymentInDependencyOrder() throws Exception {
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/multi/db", 1, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/multi/db").size() == 1);
        String list = "[" + MarathonIT.app("/multi/web", 1, ",\"dependencies\":[\"/multi/db\"]")
                + ",{\"id\":\"/multi/db\",\"instances\":2}]";
        MarathonClient.Reply put = client.send("PUT", "/v2/apps", list);
        assertThat(put.status()).isEqualTo(200);
        String id = put.body().path("deploymentId").asText();
        assertThat(put.raw().headers().firstValue("Marathon-Deployment-Id")).hasValue(id);
        await().atMost(WAIT).until(() -> success(id) != null);
        assertThat(stepEvents("deployment_info", id)).containsExactly("StartApplication /multi/web",
                "ScaleApplication /multi/db", "ScaleApplication /multi/web");
        assertThat(client.running("/multi/db")).hasSize(2);
        assertThat(client.running("/multi/web")).hasSize(1);
        MarathonClient.Reply bad = client.send("PUT", "/v2/apps", "[{\"id\":\"/multi/db\",\"cpus\":-1}]");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().path("details").get(0).path("path").asText()).isEqualTo("/(0)/cpus");
        assertThat(client.send("DELETE", "/v2/groups/multi?force=true", null).status()).isEqualTo(200);
    }

    // ---- helpers ----

    /** The deployment as GET /v2/deployments lists it, or null once it is gone. */
    JsonNode deployment(String id) throws Exception {
        for (JsonNode d : client.get("/v2/deployments").body()) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        return null;
    }

    JsonNode success(String id) {
        return client.events("deployment_success").stream().filter(e -> e.path("id").asText().equals(id))
                .findFirst().orElse(null);
    }

    /** The currentStep of each event of that type for the deployment, rendered as {@link #render}. */
    List<String> stepEvents(String type, String id) {
        return stepEvents(client, type, id);
    }

    static List<String> stepEvents(MarathonClient client, String type, String id) {
        return client.events(type).stream().filter(e -> e.path("plan").path("id").asText().equals(id))
                .map(e -> render(e.path("currentStep"))).toList();
    }

    static List<String> steps(JsonNode deployment) {
        List<String> out = new ArrayList<>();
        deployment.path("steps").forEach(s -> out.add(render(s)));
        return out;
    }

    static String render(JsonNode step) {
        List<String> actions = new ArrayList<>();
        step.path("actions").forEach(a -> actions.add(a.path("action").asText() + " " + a.path("app").asText()));
        return String.join(", ", actions);
    }

    Set<String> taskIds(String appId) throws Exception {
        return client.running(appId).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    }

    static boolean isStatus(JsonNode e, String appId, String state) {
        return e.path("eventType").asText().equals("status_update_event") && e.path("appId").asText().equals(appId)
                && e.path("taskStatus").asText().equals(state);
    }

    static int indexOf(List<JsonNode> events, java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
