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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronos against a real in-process cluster (ZooKeeper, a master, two agents running shell tasks): periodic jobs and
 * their stats, retries, dependent jobs, run now, kill and delete, and Chronos's answers to bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChronosIT {
    static final Duration WAIT = Duration.ofSeconds(40);
    @TempDir
    static Path dir;
    ChronosCluster cluster;
    ChronosServer chronos;

    @BeforeAll
    void start() throws Exception {
        cluster = new ChronosCluster(dir);
        await().atMost(WAIT).until(cluster::ready);
        chronos = cluster.startChronos();
        await().atMost(WAIT).until(() -> chronos.leading().map(l -> l.subscribed()).orElse(false));
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String soon() {
        return Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String log(String name) {
        return dir.resolve(name + ".log").toString();
    }

    private List<String> lines(String name) throws Exception {
        Path p = Path.of(log(name));
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private int post(String path, String json) throws Exception {
        return call(chronos, "POST", "/v1/scheduler/" + path, json).status();
    }

    @Test
    void aJobEveryTwoSecondsRunsOnTheAgentsAndIsCounted() throws Exception {
        assertThat(post("iso8601", "{\"name\":\"tick\",\"command\":\"echo $mesos_task_id >> " + log("tick") + "\","
                + "\"schedule\":\"R/" + soon() + "/PT2S\",\"epsilon\":\"PT30S\",\"cpus\":0.1,\"mem\":32}")).isEqualTo(204);
        await().atMost(WAIT).until(() -> stats(chronos, "tick").path("successCount").asLong() >= 3);

        List<Instant> dues = lines("tick").stream().map(id -> TaskId.parse(id).orElseThrow().due()).toList();
        assertThat(dues).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        for (int i = 1; i < dues.size(); i++) {
            assertThat(Duration.between(dues.get(i - 1), dues.get(i))).isEqualTo(Duration.ofSeconds(2));
        }
        JsonNode stats = stats(chronos, "tick");
        assertThat(stats.path("histogram").path("count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(stats.path("taskStatHistory").findValuesAsText("status")).contains("Success");
        assertThat(stats.path("lastSuccess").asText()).isNotEmpty();
        assertThat(stats.path("errorCount").asLong()).isZero();

        JsonNode jobs = call(chronos, "GET", "/v1/scheduler/jobs", null).json();
        assertThat(jobs.findValuesAsText("name")).contains("tick");
        JsonNode found = call(chronos, "GET", "/v1/scheduler/jobs/search?name=TIC", null).json();
        assertThat(found.findValuesAsText("name")).containsExactly("tick");
        assertThat(found.get(0).path("successCount").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(found.get(0).path("schedule").asText()).startsWith("R/");
        assertThat(call(chronos, "DELETE", "/v1/scheduler/job/tick", null).status()).isEqualTo(204);
    }

    @Test
    void aFailingJobIsRetriedThenCountedAsAnError() throws Exception {
        assertThat(post("iso8601", "{\"name\":\"fails\",\"command\":\"echo $mesos_task_id >> " + log("fails")
                + "; exit 3\",\"schedule\":\"R1/" + soon() + "/PT1H\",\"retries\":2}")).isEqualTo(204);
        await().atMost(WAIT).until(() -> stats(chronos, "fails").path("errorCount").asLong() == 1);
        assertThat(lines("fails")).extracting(id -> TaskId.parse(id).orElseThrow().attempt()).containsExactly(0, 1, 2);
        JsonNode stats = stats(chronos, "fails");
        assertThat(stats.path("successCount").asLong()).isZero();
        assertThat(stats.path("lastError").asText()).isNotEmpty();
        assertThat(stats.path("taskStatHistory").findValuesAsText("status")).containsOnly("Fail");
    }

    @Test
    void aDependentJobRunsAfterItsParentSucceeds() throws Exception {
        String log = log("chain");
        assertThat(post("iso8601", "{\"name\":\"parent\",\"command\":\"sleep 1; echo parent >> " + log + "\","
                + "\"schedule\":\"R1/" + soon() + "/PT1H\"}")).isEqualTo(204);
        assertThat(post("dependency", "{\"name\":\"child\",\"command\":\"echo child >> " + log + "\","
                + "\"parents\":[\"parent\"]}")).isEqualTo(204);
        assertThat(call(chronos, "GET", "/v1/scheduler/graph/dot", null).body()).contains("label=\"parent\"", "->");
        await().atMost(WAIT).until(() -> stats(chronos, "child").path("successCount").asLong() == 1);
        assertThat(lines("chain")).containsExactly("parent", "child");
    }

    @Test
    void runNowKillAndDelete() throws Exception {
        assertThat(post("iso8601", "{\"name\":\"manual\",\"command\":\"echo ran >> " + log("manual") + "\","
                + "\"schedule\":\"R/2030-01-01T00:00:00Z/P1D\"}")).isEqualTo(204);
        assertThat(call(chronos, "PUT", "/v1/scheduler/job/manual", null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> stats(chronos, "manual").path("successCount").asLong() == 1);
        assertThat(lines("manual")).containsExactly("ran");

        assertThat(post("iso8601", "{\"name\":\"sleeper\",\"command\":\"sleep 60\","
                + "\"schedule\":\"R/2030-01-01T00:00:00Z/P1D\"}")).isEqualTo(204);
        assertThat(call(chronos, "PUT", "/v1/scheduler/job/sleeper", null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> stats(chronos, "sleeper").path("taskStatHistory")
                .findValuesAsText("status").contains("Running"));
        assertThat(call(chronos, "DELETE", "/v1/scheduler/task/kill/sleeper", null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> !stats(chronos, "sleeper").path("taskStatHistory")
                .findValuesAsText("status").contains("Running"));
        assertThat(stats(chronos, "sleeper").path("errorCount").asLong()).isZero();

        assertThat(call(chronos, "DELETE", "/v1/scheduler/job/manual", null).status()).isEqualTo(204);
        assertThat(call(chronos, "GET", "/v1/scheduler/jobs", null).json().findValuesAsText("name")).doesNotContain("manual");
        ChronosCluster.Reply again = call(chronos, "PUT", "/v1/scheduler/job/manual", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("Job 'manual' not found");
    }

    @Test
    void badInputIsRefusedAsChronosRefusesIt() throws Exception {
        ChronosCluster.Reply bad = call(chronos, "POST", "/v1/scheduler/iso8601",
                "{\"name\":\"x\",\"command\":\"true\",\"schedule\":\"sometimes\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).isEqualTo("Cannot parse schedule 'sometimes' (wtf bro)");
        assertThat(bad.json().path("status").asText()).isEqualTo("Bad Request");
        ChronosCluster.Reply orphan = call(chronos, "POST", "/v1/scheduler/dependency",
                "{\"name\":\"orphan\",\"command\":\"true\",\"parents\":[\"nobody\"]}");
        assertThat(orphan.status()).isEqualTo(400);
        assertThat(orphan.body()).isEqualTo("requirement failed: JobSchedule orphan does not have all parents defined!");
        assertThat(call(chronos, "GET", "/v1/scheduler/job/stat/nobody", null).status()).isEqualTo(400);
        assertThat(call(chronos, "GET", "/leader", null).json().path("leader").asText()).isEqualTo(chronos.endpoint());
    }
}
