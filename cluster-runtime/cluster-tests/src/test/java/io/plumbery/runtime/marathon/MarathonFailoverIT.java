package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Marathons in one ZooKeeper: the standby proxies to the leader; the leader abdicates, then the new leader
 * goes away; each new leader re-subscribes with the same FrameworkID, reconciles and keeps the app's tasks.
 */
class MarathonFailoverIT {
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
    void standbyProxiesThenTakesOverKeepingTheInstances() throws Exception {
        cluster = new TestCluster(dir, 2);
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer first = cluster.marathon();
        await().atMost(WAIT).until(first::isLeader);
        MarathonServer second = cluster.marathon();
        MarathonClient viaFirst = new MarathonClient(first.endpoint());
        MarathonClient viaSecond = new MarathonClient(second.endpoint());
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/leader").status() == 200);
        assertThat(viaSecond.get("/v2/leader").body().path("leader").asText()).isEqualTo(first.endpoint());
        assertThat(second.isLeader()).isFalse();

        // the standby forwards API calls and the event stream to the leader
        MarathonClient events = new MarathonClient(second.endpoint());
        events.listen();
        assertThat(viaSecond.send("POST", "/v2/apps", MarathonIT.app("/ha/app", 2, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> viaSecond.running("/ha/app").size() == 2);
        await().atMost(WAIT).until(() -> events.events("status_update_event").stream()
                .filter(e -> e.path("appId").asText().equals("/ha/app") && e.path("taskStatus").asText()
                        .equals("TASK_RUNNING")).count() == 2);
        assertThat(events.events("event_stream_attached")).hasSize(1);
        events.close();
        Set<String> before = ids(viaSecond);
        String frameworkId = viaSecond.get("/v2/info").body().path("frameworkId").asText();
        // a deployment that cannot finish (3 UNIQUE instances on 2 hosts) must survive the changes of leader
        MarathonClient.Reply stuck = viaSecond.send("POST", "/v2/apps", MarathonIT.app("/ha/stuck", 3,
                ",\"constraints\":[[\"hostname\",\"UNIQUE\"]]"));
        String stuckDeployment = stuck.body().path("deployments").get(0).path("id").asText();
        await().atMost(WAIT).until(() -> viaSecond.running("/ha/stuck").size() == 2);

        // the leader abdicates: the standby leads, with the same framework and the same tasks
        assertThat(viaFirst.send("DELETE", "/v2/leader", null).body().path("message").asText())
                .isEqualTo("Leadership abdicated");
        await().atMost(WAIT).until(() -> second.isLeader() && second.scheduler().isSubscribed());
        assertThat(second.scheduler().frameworkId()).isEqualTo(frameworkId);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> ids(viaSecond).equals(before)
                && viaSecond.get("/v2/apps/ha/app/tasks").body().path("tasks").size() == 2);

        assertThat(viaSecond.get("/v2/deployments").body().findValuesAsText("id")).contains(stuckDeployment);
        await().atMost(WAIT).until(() -> viaSecond.get("/v2/queue").body().path("queue").findValuesAsText("count")
                .contains("1"));

        // the new leader goes away: the first one (back in the election) takes over again
        await().atMost(WAIT).until(() -> viaFirst.get("/v2/leader").body().path("leader").asText()
                .equals(second.endpoint()));
        second.close();
        await().atMost(WAIT).until(() -> first.isLeader() && first.scheduler().isSubscribed());
        assertThat(first.scheduler().frameworkId()).isEqualTo(frameworkId);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> ids(viaFirst).equals(before)
                && viaFirst.get("/v2/apps/ha/app/tasks").body().path("tasks").size() == 2);

        assertThat(viaFirst.get("/v2/deployments").body().findValuesAsText("id")).contains(stuckDeployment);
        assertThat(viaFirst.running("/ha/stuck")).hasSize(2);

        // and it keeps the count: a killed task is replaced
        String victim = before.iterator().next();
        viaFirst.send("DELETE", "/v2/apps/ha/app/tasks/" + victim, null);
        await().atMost(WAIT).until(() -> viaFirst.running("/ha/app").size() == 2 && !ids(viaFirst).contains(victim));
    }

    private static Set<String> ids(MarathonClient client) throws Exception {
        return client.running("/ha/app").stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    }
}
