package io.plumbery.runtime.it;

import static io.plumbery.runtime.it.ChronosCluster.call;
import static io.plumbery.runtime.it.ChronosCluster.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.chronos.ChronosServer;
import io.plumbery.runtime.chronos.job.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Chronos instances in one ZooKeeper: the standby redirects to the leader; the leader goes away mid-schedule and
 * the standby keeps the cadence from the stored schedule: every slot runs once (from the tasks' own run log) and every
 * run is counted, those that ended while no leader listened included (the agent sends their updates again).
 */
class ChronosFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(40);
    @TempDir
    Path dir;
    ChronosCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private List<Instant> runs(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().map(id -> TaskId.parse(id).orElseThrow().due()).toList()
                : List.of();
    }

    @Test
    void theNewLeaderKeepsTheCadenceAndRunsNoSlotTwice() throws Exception {
        cluster = new ChronosCluster(dir);
        await().atMost(WAIT).until(cluster::ready);
        ChronosServer first = cluster.startChronos();
        await().atMost(WAIT).until(first::isLeader);
        ChronosServer second = cluster.startChronos();
        await().atMost(WAIT).until(() -> call(second, "GET", "/leader", null).json().path("leader").asText()
                .equals(first.endpoint()));

        // the standby sends API calls to the leader
        ChronosCluster.Reply redirect = call(second, "GET", "/v1/scheduler/jobs", null);
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.location()).isEqualTo("http://" + first.endpoint() + "/v1/scheduler/jobs");

        // eight runs, two seconds apart; the leader goes away after the third
        Path log = dir.resolve("runs.log");
        String start = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(call(first, "POST", "/v1/scheduler/iso8601", "{\"name\":\"beat\",\"command\":\"echo $mesos_task_id >> "
                + log + "\",\"schedule\":\"R8/" + start + "/PT2S\",\"epsilon\":\"PT30S\"}").status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> runs(log).size() >= 3);

        first.close();
        await().atMost(WAIT).until(() -> second.leading().map(l -> l.subscribed()).orElse(false));
        await().atMost(WAIT).until(() -> stats(second, "beat").path("successCount").asLong() == 8);

        // every slot ran once, on its time or late within epsilon, and every run was counted
        List<Instant> dues = runs(log);
        assertThat(dues).hasSize(8);
        for (int i = 0; i < dues.size(); i++) {
            assertThat(dues.get(i)).as("run %d", i).isEqualTo(Instant.parse(start).plusSeconds(2L * i));
        }
        JsonNode job = call(second, "GET", "/v1/scheduler/jobs/search?name=beat", null).json().get(0);
        assertThat(job.path("schedule").asText()).startsWith("R0/");
        assertThat(job.path("errorCount").asLong()).isZero();
    }
}
