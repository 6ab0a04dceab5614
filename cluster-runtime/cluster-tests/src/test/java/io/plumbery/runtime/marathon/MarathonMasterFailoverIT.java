package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two masters: when the leading master goes, Marathon finds the new one in ZooKeeper and re-subscribes as the same framework. */
class MarathonMasterFailoverIT {
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
    void marathonFollowsTheLeadingMasterAndKeepsItsTasks() throws Exception {
        cluster = new TestCluster(dir, 2, 2);
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed());
        MarathonClient client = new MarathonClient(marathon.endpoint());
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/mf/app", 2, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/mf/app").size() == 2);
        Set<String> before = ids(client);
        String frameworkId = marathon.scheduler().frameworkId();

        MasterServer leader = cluster.masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        MasterServer other = cluster.masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
        assertThat(marathon.scheduler().masterEndpoint()).hasValue("127.0.0.1:" + leader.port());
        leader.close();

        await().atMost(WAIT).until(() -> other.isLeader() && marathon.scheduler().isSubscribed()
                && marathon.scheduler().masterEndpoint().equals(java.util.Optional.of("127.0.0.1:" + other.port())));
        assertThat(marathon.scheduler().frameworkId()).isEqualTo(frameworkId);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> ids(client).equals(before)
                && client.get("/v2/apps/mf/app/tasks").body().path("tasks").size() == 2);

        String victim = before.iterator().next();
        client.send("DELETE", "/v2/apps/mf/app/tasks/" + victim, null);
        await().atMost(WAIT).until(() -> client.running("/mf/app").size() == 2 && !ids(client).contains(victim));
    }

    private static Set<String> ids(MarathonClient client) throws Exception {
        return client.running("/mf/app").stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    }
}
