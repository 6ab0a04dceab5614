package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups across a change of the leading Marathon: when it goes away in the middle of a group deployment, the new
 * leader reads the plan and the step it was at from ZooKeeper and carries it on from there (the dependent app still
 * waits for its dependency); groups are kept in ZooKeeper like apps, so the new leader has the empty groups, the
 * groups' dependencies and their versions, and rolls a group back to a version the first leader made.
 */
class GroupDeploymentFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    MarathonServer second;
    MarathonClient viaFirst;
    MarathonClient viaSecond;

    /** Each test: a cluster, its leading Marathon, a standby that knows it, and a client of each. */
    @BeforeEach
    void leaderAndStandby() throws Exception {
        cluster = new TestCluster(dir, 2);
        await().atMost(WAIT).until(cluster::ready);
        viaFirst = new MarathonClient(cluster.leadingMarathon().endpoint());
        second = cluster.marathon();
        viaSecond = new MarathonClient(second.endpoint());
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/leader").status() == 200);
    }

    @Test
    void newLeaderCarriesTheGroupDeploymentOnFromItsStep() throws Exception {

        // db listens (and gets healthy) 8 s after it starts: long enough for the leader to change meanwhile
        String db = MarathonIT.app("db", 1, ",\"cmd\":\"sleep 8 && exec python3 -m http.server $PORT0 --bind $HOST\""
                + GroupDeploymentIT.TCP_CHECK);
        String group = "{\"id\":\"/ha\",\"apps\":[" + db + ","
                + MarathonIT.app("web", 2, ",\"dependencies\":[\"../db\"]") + "]}";
        String id = viaFirst.send("POST", "/v2/groups", group).body().path("deploymentId").asText();
        await().atMost(WAIT).until(() -> viaFirst.running("/ha/db").size() == 1);
        String dbTask = viaFirst.running("/ha/db").get(0).path("id").asText();
        assertThat(currentStep(viaFirst, id)).isEqualTo(2);

        Instant failover = Instant.now();
        assertThat(viaFirst.send("DELETE", "/v2/leader", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(second::isLeader);
        MarathonClient events = new MarathonClient(second.endpoint());
        events.listen();
        // same plan, same step; web still has no task
        assertThat(currentStep(viaSecond, id)).isEqualTo(2);
        assertThat(viaSecond.get("/v2/apps/ha/web/tasks").body().path("tasks")).isEmpty();

        await().atMost(WAIT).until(() -> events.events("deployment_success").stream()
                .anyMatch(e -> e.path("id").asText().equals(id)));
        assertThat(currentStep(viaSecond, id)).isZero();
        assertThat(viaSecond.running("/ha/web")).hasSize(2);
        assertThat(viaSecond.running("/ha/db")).extracting(t -> t.path("id").asText()).containsExactly(dbTask);
        // the new leader went on with step 3 (web) only: it did not start the plan over
        assertThat(GroupDeploymentIT.stepEvents(events, "deployment_info", id)).containsExactly("ScaleApplication /ha/web");
        List<JsonNode> seen = List.copyOf(events.events);
        int dbHealthy = GroupDeploymentIT.indexOf(seen, e -> e.path("eventType").asText()
                .equals("health_status_changed_event") && e.path("appId").asText().equals("/ha/db")
                && e.path("alive").asBoolean());
        int firstWeb = GroupDeploymentIT.indexOf(seen, e -> e.path("eventType").asText().equals("status_update_event")
                && e.path("appId").asText().equals("/ha/web"));
        assertThat(dbHealthy).isNotNegative().isLessThan(firstWeb);
        for (JsonNode t : viaSecond.get("/v2/apps/ha/web/tasks").body().path("tasks")) {
            assertThat(Instant.parse(t.path("stagedAt").asText())).isAfter(failover);
        }
        events.close();
    }

    @Test
    void theNewLeaderHasTheGroupsTheirDependenciesAndVersions() throws Exception {
        String v1 = viaFirst.send("POST", "/v2/groups", "{\"id\":\"/kept\",\"groups\":[{\"id\":\"empty\"},{\"id\":"
                + "\"db\",\"apps\":[" + MarathonIT.app("pg", 1, "") + "]},{\"id\":\"web\",\"dependencies\":[\"../db\"],"
                + "\"apps\":[" + MarathonIT.app("fe", 1, "") + "]}]}").body().path("version").asText();
        await().atMost(WAIT).until(() -> viaFirst.running("/kept/web/fe").size() == 1);
        await().atMost(WAIT).until(() -> viaFirst.get("/v2/deployments").body().isEmpty());
        String v2 = viaFirst.send("PUT", "/v2/groups/kept/web", "{\"apps\":[" + MarathonIT.app("fe", 2, "")
                + "]}").body().path("version").asText();
        await().atMost(WAIT).until(() -> viaFirst.running("/kept/web/fe").size() == 2);
        JsonNode before = viaFirst.get("/v2/groups/kept").body();

        assertThat(viaFirst.send("DELETE", "/v2/leader", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> second.isLeader() && second.scheduler().isSubscribed());

        JsonNode after = viaSecond.get("/v2/groups/kept").body();
        assertThat(after.path("groups")).extracting(g -> g.path("id").asText()).containsExactly("/kept/db",
                "/kept/empty", "/kept/web");
        assertThat(after.path("version")).isEqualTo(before.path("version"));
        assertThat(viaSecond.get("/v2/groups/kept/empty").body().path("apps")).isEmpty();
        assertThat(viaSecond.get("/v2/groups/kept/web").body().path("dependencies")).extracting(JsonNode::asText)
                .containsExactly("/kept/db");
        assertThat(viaSecond.get("/v2/groups/kept/versions").body()).extracting(JsonNode::asText)
                .containsExactly(v2, v1);

        // the version the first leader made puts web back to one instance
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/deployments").body().isEmpty());
        assertThat(viaSecond.send("PUT", "/v2/groups/kept/web", "{\"version\":\"" + v1 + "\"}").status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> viaSecond.running("/kept/web/fe").size() == 1);
        assertThat(viaSecond.get("/v2/groups/kept/empty").status()).isEqualTo(200);
        assertThat(viaSecond.send("DELETE", "/v2/groups/kept?force=true", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/groups/kept").status() == 404);
    }

    /** The deployment's currentStep as GET /v2/deployments shows it, 0 when gone. */
    private static int currentStep(MarathonClient client, String id) throws Exception {
        for (JsonNode d : client.get("/v2/deployments").body()) {
            if (d.path("id").asText().equals(id)) {
                return d.path("currentStep").asInt();
            }
        }
        return 0;
    }
}
