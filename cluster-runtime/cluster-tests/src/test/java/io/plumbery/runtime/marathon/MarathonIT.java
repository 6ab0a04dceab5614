package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Marathon as a framework of a real in-process cluster: ZooKeeper, one master and three agents with distinct
 * hostnames (127.0.0.2-4), all on loopback; Marathon found the master through ZooKeeper and speaks only the
 * v1 scheduler HTTP API. Each test uses its own app.
 */
class MarathonIT extends WithListeningMarathon {

    @Override
    int agents() {
        return 3;
    }

    static String app(String id, int instances, String extra) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16,\"instances\":" + instances
                + ",\"backoffSeconds\":0.2" + extra + "}";
    }

    @Test
    void uniqueHostnameSpreadsScalesAndQueues() throws Exception {
        MarathonClient.Reply created = client.send("POST", "/v2/apps",
                app("/it/unique", 3, ",\"constraints\":[[\"hostname\",\"UNIQUE\"]]"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("id").asText()).isEqualTo("/it/unique");
        assertThat(created.body().path("deployments").get(0).path("id").asText()).isNotBlank();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v2/apps/it/unique");

        await().atMost(WAIT).until(() -> client.running("/it/unique").size() == 3);
        Set<String> hosts = client.running("/it/unique").stream().map(t -> t.path("host").asText()).collect(Collectors.toSet());
        assertThat(hosts).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
        await().atMost(WAIT).until(() -> noDeploymentFor("/it/unique"));

        assertThat(client.send("PUT", "/v2/apps/it/unique", "{\"instances\":5}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> queued("/it/unique") != null
                && queued("/it/unique").path("count").asInt() == 2
                && queued("/it/unique").path("processedOffersSummary").path("rejectSummaryLastOffers").toString()
                .contains("UnfulfilledConstraint"));
        assertThat(client.running("/it/unique")).hasSize(3);
        assertThat(queued("/it/unique").path("lastUnusedOffers").get(0).path("reason").asText())
                .isEqualTo("UnfulfilledConstraint");

        // still deploying (2 cannot be placed): a new change conflicts unless forced
        MarathonClient.Reply conflict = client.send("PUT", "/v2/apps/it/unique", "{\"instances\":1}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().path("message").asText()).contains("locked by one or more deployments");
        // roll the stuck deployment back: a new deployment to the original 3 instances
        String stuck = conflict.body().path("deployments").get(0).path("id").asText();
        MarathonClient.Reply rollback = client.send("DELETE", "/v2/deployments/" + stuck, null);
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.body().path("deploymentId").asText()).isNotEqualTo(stuck);
        await().atMost(WAIT).until(() -> noDeploymentFor("/it/unique") && queued("/it/unique") == null);
        assertThat(client.get("/v2/apps/it/unique").body().path("app").path("instances").asInt()).isEqualTo(3);
        assertThat(client.running("/it/unique")).hasSize(3);

        assertThat(client.send("PATCH", "/v2/apps/it/unique", "{\"instances\":5}").status()).isEqualTo(200);
        assertThat(client.send("PUT", "/v2/apps/it/unique?force=true", "{\"instances\":1}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.get("/v2/apps/it/unique/tasks").body().path("tasks").size() == 1
                && client.running("/it/unique").size() == 1 && queued("/it/unique") == null);

        assertThat(client.send("DELETE", "/v2/apps/it/unique", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.get("/v2/apps/it/unique").status() == 404);
    }

    @Test
    void killedTaskIsReplaced() throws Exception {
        assertThat(client.send("POST", "/v2/apps", app("/it/replace", 2, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/it/replace").size() == 2);
        String victim = client.running("/it/replace").get(0).path("id").asText();
        MarathonClient.Reply killed = client.send("DELETE", "/v2/apps/it/replace/tasks/" + victim, null);
        assertThat(killed.status()).isEqualTo(200);
        assertThat(killed.body().path("task").path("id").asText()).isEqualTo(victim);
        await().atMost(WAIT).until(() -> {
            List<JsonNode> running = client.running("/it/replace");
            return running.size() == 2 && running.stream().noneMatch(t -> t.path("id").asText().equals(victim));
        });
        await().atMost(WAIT).until(() -> client.events("status_update_event").stream()
                .anyMatch(e -> e.path("taskId").asText().equals(victim) && e.path("taskStatus").asText().equals("TASK_KILLED")));

        // kill with scale: one fewer instance, no replacement
        String second = client.running("/it/replace").get(0).path("id").asText();
        MarathonClient.Reply scaled = client.send("DELETE", "/v2/apps/it/replace/tasks/" + second + "?scale=true", null);
        assertThat(scaled.body().path("deploymentId").asText()).isNotBlank();
        await().atMost(WAIT).until(() -> client.running("/it/replace").size() == 1
                && client.get("/v2/apps/it/replace").body().path("app").path("instances").asInt() == 1);
        client.send("DELETE", "/v2/apps/it/replace?force=true", null);
    }

    @Test
    void failingHealthCheckGetsTaskKilledAndReplaced() throws Exception {
        String hc = ",\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/health\",\"portIndex\":0,"
                + "\"gracePeriodSeconds\":0,\"intervalSeconds\":1,\"timeoutSeconds\":0,\"maxConsecutiveFailures\":2}]";
        assertThat(client.send("POST", "/v2/apps", app("/it/unhealthy", 1, hc)).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/it/unhealthy").size() == 1);
        String first = client.running("/it/unhealthy").get(0).path("id").asText();
        await().atMost(WAIT).until(() -> client.events("unhealthy_task_kill_event").stream()
                .anyMatch(e -> e.path("taskId").asText().equals(first)));
        await().atMost(WAIT).until(() -> client.events("health_status_changed_event").stream()
                .anyMatch(e -> e.path("taskId").asText().equals(first) && !e.path("alive").asBoolean()));
        await().atMost(WAIT).until(() -> client.running("/it/unhealthy").stream()
                .anyMatch(t -> !t.path("id").asText().equals(first)));
        JsonNode app = client.get("/v2/apps/it/unhealthy").body().path("app");
        assertThat(app.path("healthChecks").get(0).path("maxConsecutiveFailures").asInt()).isEqualTo(2);
        client.send("DELETE", "/v2/apps/it/unhealthy?force=true", null);
    }

    @Test
    void rollingUpgradeNeverDropsBelowMinimumHealthCapacity() throws Exception {
        String hc = ",\"cmd\":\"exec python3 -m http.server $PORT0 --bind $HOST\",\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/\","
                + "\"portIndex\":0,\"gracePeriodSeconds\":30,\"intervalSeconds\":1,\"timeoutSeconds\":0,"
                + "\"maxConsecutiveFailures\":10}],\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,"
                + "\"maximumOverCapacity\":0.25},\"env\":{\"GEN\":\"1\"}";
        assertThat(client.send("POST", "/v2/apps", app("/it/rolling", 4, hc)).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.get("/v2/apps/it/rolling").body().path("app").path("tasksHealthy").asInt() == 4
                && noDeploymentFor("/it/rolling") && healthyFromEvents("/it/rolling").size() == 4);
        int mark = client.events.size();

        MarathonClient.Reply upgrade = client.send("PUT", "/v2/apps/it/rolling", "{\"env\":{\"GEN\":\"2\"}}");
        assertThat(upgrade.status()).isEqualTo(200);
        String deployment = upgrade.body().path("deploymentId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.events("deployment_success").stream()
                .anyMatch(e -> e.path("id").asText().equals(deployment)));

        // replay the event stream from the upgrade on: healthy tasks never fewer than ceil(4 * 0.5) = 2
        Set<String> healthy = new HashSet<>();
        for (JsonNode t : client.get("/v2/apps/it/rolling").body().path("app").path("tasks")) {
            healthy.add(t.path("id").asText());
        }
        Set<String> before = new HashSet<>();
        int min = Integer.MAX_VALUE;
        List<JsonNode> after = client.events.subList(mark, client.events.size());
        // tasks healthy at the mark: the four old ones
        for (JsonNode e : client.events.subList(0, mark)) {
            trackHealth(before, e, "/it/rolling");
        }
        assertThat(before).hasSize(4);
        Set<String> live = new HashSet<>(before);
        int killed = 0;
        for (JsonNode e : after) {
            trackHealth(live, e, "/it/rolling");
            if (e.path("eventType").asText().equals("status_update_event") && e.path("appId").asText().equals("/it/rolling")
                    && e.path("taskStatus").asText().equals("TASK_KILLED")) {
                killed++;
            }
            min = Math.min(min, live.size());
        }
        assertThat(min).isGreaterThanOrEqualTo(2);
        assertThat(killed).isEqualTo(4);
        assertThat(healthy).hasSize(4).doesNotContainAnyElementsOf(before);
        assertThat(client.get("/v2/apps/it/rolling").body().path("app").path("env").path("GEN").asText()).isEqualTo("2");
        client.send("DELETE", "/v2/apps/it/rolling?force=true", null);
    }

    private Set<String> healthyFromEvents(String appId) {
        Set<String> live = new HashSet<>();
        for (JsonNode e : List.copyOf(client.events)) {
            trackHealth(live, e, appId);
        }
        return live;
    }

    private static void trackHealth(Set<String> live, JsonNode e, String appId) {
        if (!e.path("appId").asText().equals(appId)) {
            return;
        }
        String type = e.path("eventType").asText();
        String task = e.path("taskId").asText();
        if (type.equals("health_status_changed_event")) {
            if (e.path("alive").asBoolean()) {
                live.add(task);
            } else {
                live.remove(task);
            }
        } else if (type.equals("status_update_event") && !e.path("taskStatus").asText().equals("TASK_RUNNING")) {
            live.remove(task);
        }
    }

    @Test
    void apiAnswersInMarathonShapes() throws Exception {
        MarathonClient.Reply invalid = client.send("POST", "/v2/apps", "{\"id\":\"/it/bad\",\"cmd\":\"x\",\"cpus\":-1}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("message").asText()).isEqualTo("Object is not valid");
        assertThat(invalid.body().path("details").get(0).path("path").asText()).isEqualTo("/cpus");
        assertThat(invalid.body().path("details").get(0).path("errors").get(0).asText()).contains("expected 0.0 or more");
        assertThat(client.send("POST", "/v2/apps", "{\"id\":\"/it/bad\",\"cmd\":\"x\",\"cpus\":\"many\"}").status())
                .isEqualTo(422);
        assertThat(client.send("POST", "/v2/apps", "{not json").status()).isEqualTo(400);
        assertThat(client.get("/v2/apps/it/nothing").status()).isEqualTo(404);
        assertThat(client.get("/v2/apps/it/nothing").body().path("message").asText()).contains("does not exist");

        assertThat(client.get("/ping").raw().body()).isEqualTo("pong");
        assertThat(client.get("/v2/leader").body().path("leader").asText()).isEqualTo(marathon.endpoint());
        JsonNode info = client.get("/v2/info").body();
        assertThat(info.path("name").asText()).isEqualTo("marathon");
        assertThat(info.path("elected").asBoolean()).isTrue();
        assertThat(info.path("frameworkId").asText()).isNotBlank();
        assertThat(client.get("/metrics").body().path("gauges").has("marathon.apps.active.gauge")).isTrue();

        assertThat(client.send("POST", "/v2/apps", app("/it/shop/web", 1, ",\"labels\":{\"tier\":\"fe\"}")).status()).isEqualTo(201);
        JsonNode group = client.get("/v2/groups/it").body();
        assertThat(group.path("groups").get(0).path("id").asText()).isEqualTo("/it/shop");
        assertThat(group.path("groups").get(0).path("apps").get(0).path("id").asText()).isEqualTo("/it/shop/web");
        await().atMost(WAIT).until(() -> client.running("/it/shop/web").size() == 1);
        JsonNode listed = client.get("/v2/apps?label=tier==fe&embed=apps.tasks").body().path("apps");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("tasks")).hasSize(1);
        assertThat(listed.get(0).path("tasksRunning").asInt()).isEqualTo(1);
        int servicePort = listed.get(0).path("portDefinitions").get(0).path("port").asInt();
        assertThat(servicePort).isBetween(10000, 19999);
        assertThat(listed.get(0).path("ports").get(0).asInt()).isEqualTo(servicePort);
        JsonNode task = listed.get(0).path("tasks").get(0);
        assertThat(task.path("servicePorts").get(0).asInt()).isEqualTo(servicePort);
        assertThat(task.path("ports").get(0).asInt()).isBetween(31000, 31100);
        assertThat(client.get("/v2/apps?id=/it/shop").body().path("apps")).hasSize(1);
        assertThat(client.get("/v2/tasks").body().path("tasks").toString()).contains("it_shop_web.");
        JsonNode versions = client.get("/v2/apps/it/shop/web/versions").body().path("versions");
        assertThat(versions).hasSize(1);
        assertThat(client.send("POST", "/v2/apps/it/shop/web/restart", null).body().path("deploymentId").asText()).isNotBlank();
        assertThat(client.send("DELETE", "/v2/apps/it/shop/web?force=true", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.get("/v2/apps/it/shop/web").status() == 404);
        await().atMost(WAIT).until(() -> !client.events("deployment_info").isEmpty());
        assertThat(client.events("event_stream_attached")).hasSize(1);
    }

    @Test
    void pathsWithEmptySegmentsReachTheAppAsMarathonDoes() throws Exception {
        assertThat(client.send("POST", "/v2/apps", app("/it/dbl/app", 0, "")).status()).isEqualTo(201);
        JsonNode plain = client.get("/v2/apps/it/dbl/app").body();
        MarathonClient.Reply doubled = client.get("/v2/apps//it/dbl/app");
        assertThat(doubled.status()).isEqualTo(200);
        assertThat(doubled.body().path("app").path("id").asText()).isEqualTo("/it/dbl/app");
        assertThat(doubled.body().path("app").path("version")).isEqualTo(plain.path("app").path("version"));
        assertThat(client.get("/v2//apps///it//dbl/app/versions").body().path("versions")).hasSize(1);
        MarathonClient.Reply restarted = client.send("POST", "/v2/apps//it/dbl/app/restart", null);
        assertThat(restarted.status()).isEqualTo(200);
        assertThat(restarted.body().path("deploymentId").asText()).isNotBlank();
        assertThat(client.send("DELETE", "/v2/apps//it/dbl/app?force=true", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.get("/v2/apps//it/dbl/app").status() == 404);
    }

    @Test
    void groupsCreateNestedAppsAndDeleteThemTogether() throws Exception {
        String group = "{\"id\":\"/it/grp\",\"apps\":[" + app("a", 0, "") + "," + app("b", 0, "")
                + "],\"groups\":[{\"id\":\"sub\",\"apps\":[" + app("c", 1, "") + "]}]}";
        MarathonClient.Reply created = client.send("POST", "/v2/groups", group);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("deploymentId").asText()).isNotBlank();
        JsonNode tree = client.get("/v2/groups/it/grp").body();
        assertThat(tree.path("apps").findValuesAsText("id")).contains("/it/grp/a", "/it/grp/b");
        assertThat(tree.path("groups").get(0).path("id").asText()).isEqualTo("/it/grp/sub");
        assertThat(tree.path("groups").get(0).path("apps").get(0).path("id").asText()).isEqualTo("/it/grp/sub/c");
        await().atMost(WAIT).until(() -> client.running("/it/grp/sub/c").size() == 1);

        MarathonClient.Reply invalid = client.send("POST", "/v2/groups", "{\"id\":\"/it/bad\",\"apps\":["
                + app("ok", 0, "") + ",{\"id\":\"nope\",\"cmd\":\"x\",\"cpus\":-1}]}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("details").get(0).path("path").asText()).isEqualTo("/apps(1)/cpus");
        assertThat(client.get("/v2/apps/it/bad/ok").status()).isEqualTo(404);

        assertThat(client.send("DELETE", "/v2/groups/it/grp?force=true", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.get("/v2/groups/it/grp").status() == 404
                && client.get("/v2/tasks").body().path("tasks").findValuesAsText("appId").stream()
                .noneMatch(id -> id.startsWith("/it/grp")));
    }

    @Test
    void crashingTaskIsRelaunchedWithBackoff() throws Exception {
        String crash = "{\"id\":\"/it/crash\",\"cmd\":\"exit 3\",\"cpus\":0.1,\"mem\":16,\"instances\":1,"
                + "\"backoffSeconds\":1,\"backoffFactor\":20,\"maxLaunchDelaySeconds\":60}";
        assertThat(client.send("POST", "/v2/apps", crash).status()).isEqualTo(201);
        // 1 s after the first failure, then 20 s: the app waits in the queue with a delay
        await().atMost(WAIT).until(() -> {
            JsonNode queued = queued("/it/crash"); // read once: the app leaves the queue while its task runs
            return queued != null && !queued.path("delay").path("overdue").asBoolean()
                    && queued.path("delay").path("timeLeftSeconds").asInt() > 5;
        });
        long failures = client.events("status_update_event").stream()
                .filter(e -> e.path("appId").asText().equals("/it/crash") && e.path("taskStatus").asText().equals("TASK_FAILED"))
                .count();
        assertThat(failures).isBetween(1L, 2L);
        JsonNode last = client.get("/v2/apps/it/crash").body().path("app").path("lastTaskFailure");
        assertThat(last.path("state").asText()).isEqualTo("TASK_FAILED");
        assertThat(last.path("appId").asText()).isEqualTo("/it/crash");

        // resetting the delay launches at once
        assertThat(client.send("DELETE", "/v2/queue/it/crash/delay", null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> client.events("status_update_event").stream()
                .filter(e -> e.path("appId").asText().equals("/it/crash") && e.path("taskStatus").asText().equals("TASK_FAILED"))
                .count() > failures);
        client.send("DELETE", "/v2/apps/it/crash?force=true", null);
    }

    @Test
    void eventsAreThoseMarathonSendsForAnAppsLife() throws Exception {
        assertThat(client.send("POST", "/v2/apps", app("/it/events/app", 1, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/it/events/app").size() == 1);
        String task = client.running("/it/events/app").get(0).path("id").asText();
        await().atMost(WAIT).until(() -> client.events("instance_changed_event").stream()
                .anyMatch(e -> e.path("instanceId").asText().equals(task) && e.path("condition").asText().equals("Running")
                        && e.path("runSpecId").asText().equals("/it/events/app")));
        assertThat(client.events("group_change_success")).anyMatch(e -> e.path("groupId").asText().equals("/it/events"));
        await().atMost(WAIT).until(() -> noDeploymentFor("/it/events/app"));
        assertThat(client.events("deployment_step_success")).anyMatch(e -> e.path("plan").toString().contains("/it/events/app"));

        assertThat(client.send("DELETE", "/v2/apps/it/events/app", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.events("instance_changed_event").stream()
                .anyMatch(e -> e.path("instanceId").asText().equals(task) && e.path("condition").asText().equals("Killed")));
        await().atMost(WAIT).until(() -> client.events("app_terminated_event").stream()
                .anyMatch(e -> e.path("appId").asText().equals("/it/events/app")));
    }

    private JsonNode queued(String appId) throws Exception {
        for (JsonNode q : client.get("/v2/queue").body().path("queue")) {
            if (q.path("app").path("id").asText().equals(appId)) {
                return q;
            }
        }
        return null;
    }

    private boolean noDeploymentFor(String appId) throws Exception {
        for (JsonNode d : client.get("/v2/deployments").body()) {
            for (JsonNode a : d.path("affectedApps")) {
                if (a.asText().equals(appId)) {
                    return false;
                }
            }
        }
        return true;
    }
}
