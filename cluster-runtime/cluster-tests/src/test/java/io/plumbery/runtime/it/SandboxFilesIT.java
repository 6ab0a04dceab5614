package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's stdout read as the Mesos UI reads it: the task's agent from the master's state, its executor's sandbox
 * from that agent's state, then {@code /files/read} with {@code offset=-1} for the size and chunks after it. The same
 * sandbox is the way out that is refused: {@code ..}, a symlink the task itself made, and absolute paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxFilesIT {
    private static final String TASK = "pailer-1";
    private static final String LINES = IntStream.rangeClosed(1, 300)
            .mapToObj(i -> "line " + i + " of the sandbox test\n").collect(Collectors.joining());

    @TempDir
    static Path dir;
    SingleAgentCluster cluster;
    SchedulerClient scheduler;
    String agentEndpoint;
    String sandbox;

    @BeforeAll
    void start() throws Exception {
        cluster = SingleAgentCluster.start(dir, SchedulerClient.frameworkInfo("sandbox-it", null, 60, true));
        scheduler = cluster.scheduler();
        JsonNode offer = scheduler.awaitOffer(10);
        scheduler.launch(offer, TASK, "for i in $(seq 1 300); do echo \"line $i of the sandbox test\"; done; "
                + "ln -s /etc/hostname escape; exec sleep 600", 0.1, 32);
        scheduler.awaitUpdate(TASK, "TASK_RUNNING", 10);
        agentEndpoint = agentOfTask();
        sandbox = sandboxFromAgentState();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** As the UI's agentURLPrefix: the agent of the task's slave_id, at the hostname and the port of its pid. */
    private String agentOfTask() throws Exception {
        JsonNode state = Json.parse(Cluster.get(cluster.endpoint(), "/master/state").body());
        String agentId = null;
        for (JsonNode framework : state.path("frameworks")) {
            for (JsonNode task : framework.path("tasks")) {
                if (task.path("id").asText().equals(TASK)) {
                    agentId = task.path("slave_id").asText();
                }
            }
        }
        for (JsonNode slave : state.path("slaves")) {
            if (slave.path("id").asText().equals(agentId)) {
                String pid = slave.path("pid").asText();
                return slave.path("hostname").asText() + ":" + pid.substring(pid.lastIndexOf(':') + 1);
            }
        }
        throw new AssertionError("no agent for " + TASK + " in " + state);
    }

    /** As the UI's rerouter: the executor (a command task's executor has the task's id) in the agent's state. */
    private String sandboxFromAgentState() throws Exception {
        JsonNode state = Json.parse(Cluster.get(agentEndpoint, "/slave(1)/state").body());
        for (JsonNode framework : state.path("frameworks")) {
            for (JsonNode executor : framework.path("executors")) {
                if (executor.path("id").asText().equals(TASK)) {
                    assertThat(executor.path("tasks").get(0).path("id").asText()).isEqualTo(TASK);
                    return executor.path("directory").asText();
                }
            }
        }
        throw new AssertionError("no executor " + TASK + " in " + state);
    }

    @Test
    void theStatesTheMesosUiReadsAnswerJsonpAndACallbackThatIsNoIdentifierPathIsRefused() throws Exception {
        for (String[] at : new String[][] {{cluster.endpoint(), "/master/state"}, {cluster.endpoint(), "/state"},
                {cluster.endpoint(), "/master/state-summary"}, {cluster.endpoint(), "/metrics/snapshot"},
                {agentEndpoint, "/state"}, {agentEndpoint, "/slave(1)/state"}}) {
            HttpResponse<String> r = Cluster.get(at[0], at[1] + "?jsonp=angular.callbacks._0");
            assertThat(r.headers().firstValue("Content-Type")).as(at[1]).hasValue("text/javascript");
            assertThat(r.body()).as(at[1]).startsWith("angular.callbacks._0({").endsWith("})");
        }
        for (String callback : new String[] {"alert(1)//", "a;b", "x</script>", "1a", "a..b", "a.", " a", "a-b"}) {
            String query = "?jsonp=" + URLEncoder.encode(callback, StandardCharsets.UTF_8);
            for (String[] at : new String[][] {{cluster.endpoint(), "/master/state"}, {agentEndpoint, "/state"},
                    {agentEndpoint, "/files/read?offset=-1&path=" + enc(sandbox + "/stdout")}}) {
                String path = at[1] + (at[1].contains("?") ? query.replace('?', '&') : query);
                HttpResponse<String> r = Cluster.get(at[0], path);
                assertThat(r.statusCode()).as(path).isEqualTo(400);
                assertThat(r.body()).as(path).isEqualTo("Invalid 'jsonp': a callback is a JavaScript identifier path");
            }
        }
    }

    @Test
    void theUisPailerReadsTheWholeStdoutInChunks() throws Exception {
        String stdout = sandbox + "/stdout";
        await().atMost(Duration.ofSeconds(10)).until(() -> read(stdout, -1, -1).path("offset").asLong()
                == LINES.length());

        StringBuilder paged = new StringBuilder();
        long size = read(stdout, -1, -1).path("offset").asLong();
        for (long offset = 0; offset < size; ) {
            JsonNode chunk = read(stdout, offset, 1000);
            assertThat(chunk.path("offset").asLong()).isEqualTo(offset);
            String data = chunk.path("data").asText();
            assertThat(data).isNotEmpty();
            paged.append(data);
            offset += data.getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(paged.toString()).isEqualTo(LINES);
        assertThat(read(stdout, size, 1000).path("data").asText()).isEmpty();
    }

    @Test
    void theSandboxIsAlsoAtItsVirtualPathAndInTheBrowseListing() throws Exception {
        String frameworkId = scheduler.frameworkId();
        String virtual = "/frameworks/" + frameworkId + "/executors/" + TASK + "/runs/latest";
        assertThat(read(virtual + "/stdout", 0, 17).path("data").asText()).isEqualTo("line 1 of the san");

        JsonNode listing = Json.parse(get("/files/browse?path=" + enc(sandbox)).body());
        assertThat(listing.findValuesAsText("path")).contains(sandbox + "/stdout", sandbox + "/stderr");
    }

    @Test
    void pathsOutOfTheSandboxAreRefusedAndNothingOfThemIsServed() throws Exception {
        String workDir = dir.resolve("agent").toRealPath().toString();
        String[] escapes = {
            sandbox + "/../../../../../../../../meta/slave.id",  // .. up to the agent's checkpoints
            sandbox + "/escape",                               // the symlink the task made to /etc/hostname
            sandbox + "/../../../../../../../../../../../../etc/hostname",
        };
        for (String path : escapes) {
            for (String endpoint : new String[] {"read?offset=0&", "browse?", "download?"}) {
                HttpResponse<String> r = get("/files/" + endpoint + "path=" + enc(path));
                assertThat(r.statusCode()).as(endpoint + path).isEqualTo(400);
                assertThat(r.body()).as(endpoint + path).contains("is inaccessible");
            }
        }
        for (String path : new String[] {"/etc/hostname", workDir + "/meta/slave.id", workDir, "/"}) {
            for (String endpoint : new String[] {"read?offset=0&", "browse?", "download?"}) {
                HttpResponse<String> r = get("/files/" + endpoint + "path=" + enc(path));
                assertThat(r.statusCode()).as(endpoint + path).isEqualTo(404);
                assertThat(r.body()).as(endpoint + path).isEmpty();
            }
        }
        HttpResponse<String> v1 = Cluster.post(agentEndpoint, "/api/v1", "{\"type\":\"READ_FILE\",\"read_file\":"
                + "{\"path\":\"" + sandbox + "/escape\",\"offset\":0}}");
        assertThat(v1.statusCode()).isEqualTo(400);
    }

    @Test
    void theRunningTasksUsageCountsAndContainerAreTheAgentsOwn() throws Exception {
        JsonNode statistics = Json.parse(get("/monitor/statistics").body());
        assertThat(statistics).hasSize(1);
        assertThat(statistics.get(0).path("executor_id").asText()).isEqualTo(TASK);
        JsonNode usage = statistics.get(0).path("statistics");
        assertThat(usage.path("processes").asInt()).isGreaterThanOrEqualTo(2); // the exit-recording shell and sleep
        assertThat(usage.path("mem_rss_bytes").asLong()).isPositive();
        assertThat(usage.path("mem_limit_bytes").asLong()).isEqualTo(32L * 1024 * 1024);
        assertThat(usage.path("cpus_limit").asDouble()).isEqualTo(0.1);

        JsonNode metrics = Json.parse(get("/metrics/snapshot").body());
        assertThat(metrics.path("slave/tasks_running").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("slave/registered").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("slave/cpus_used").asDouble()).isEqualTo(0.1);
        assertThat(metrics.path("slave/cpus_total").asDouble()).isEqualTo(4.0);

        JsonNode containers = Json.parse(get("/containers").body());
        assertThat(containers.get(0).path("container_id").asText()).isEqualTo(Path.of(sandbox).getFileName().toString());

        JsonNode executors = Json.parse(Cluster.post(agentEndpoint, "/api/v1", "{\"type\":\"GET_EXECUTORS\"}").body());
        assertThat(executors.path("get_executors").path("executors").get(0).path("executor_info")
                .path("executor_id").path("value").asText()).isEqualTo(TASK);
        JsonNode flags = Json.parse(get("/flags").body()).path("flags");
        assertThat(flags.path("work_dir").asText()).isEqualTo(dir.resolve("agent").toString());
    }

    private JsonNode read(String path, long offset, long length) throws Exception {
        HttpResponse<String> r = get("/files/read?path=" + enc(path) + "&offset=" + offset + "&length=" + length);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return Cluster.get(agentEndpoint, pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
