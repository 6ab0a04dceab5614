package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups are kept in ZooKeeper like apps: after the leading Marathon abdicates, the new leader has the empty groups,
 * the groups' dependencies and their versions, and rolls a group back to a version the first leader made.
 */
class GroupsFailoverIT {
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

    @Test
    void theNewLeaderHasTheGroupsTheirDependenciesAndVersions() throws Exception {
        cluster = new TestCluster(dir, 2);
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer first = cluster.marathon();
        await().atMost(WAIT).until(() -> first.isLeader() && first.scheduler().isSubscribed());
        MarathonServer second = cluster.marathon();
        MarathonClient viaFirst = new MarathonClient(first.endpoint());
        MarathonClient viaSecond = new MarathonClient(second.endpoint());
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/leader").status() == 200);

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
}
