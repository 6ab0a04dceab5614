package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.protocol.ResourceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker tasks end to end on a real Docker engine: ZooKeeper, a master, one agent without Docker (127.0.0.2) and one
 * with its Docker containerizer on (127.0.0.3), Marathon. The image is made offline from busybox (no registry is
 * reached: every app says {@code --pull=never}). Skipped when no Docker engine answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerTasksIT {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String IMAGE = "plumbery-test/busybox:1";
    static final String DOCKER_HOST = "127.0.0.3";
    @TempDir
    static Path dir;
    TestCluster cluster;
    AgentServer dockerAgent;
    AgentConfig dockerAgentConfig;
    MarathonClient client;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(run("docker", "info").exit() == 0, "no Docker engine answers (bin/docker-engine starts one)");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
        buildImage();
        cluster = new TestCluster(dir, 1);
        dockerAgentConfig = AgentConfig.of(DOCKER_HOST, 0, cluster.mesosUrl(),
                        ResourceSpec.parseResources("cpus:4;mem:4096;disk:10000;ports:[31200-31300]"),
                        dir.resolve("docker-agent"))
                .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withDocker("docker");
        dockerAgent = new AgentServer(dockerAgentConfig);
        dockerAgent.start();
        await().atMost(WAIT).until(() -> cluster.ready() && dockerAgent.isRegistered());
        MarathonServer marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.isLeader() && marathon.scheduler() != null
                && marathon.scheduler().isSubscribed());
        client = new MarathonClient(marathon.endpoint());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (dockerAgent != null) {
            dockerAgent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (dockerAgent != null && dockerAgent.agentId().isPresent()) {
            assertThat(containers()).as("containers left by the agent").isEmpty();
        }
    }

    static String webApp(String id, int instances) {
        return """
                {"id":"%s","instances":%d,"cpus":0.1,"mem":32,"backoffSeconds":0.2,
                 "cmd":"mkdir -p /www && echo hello from $HOST > /www/index.html && exec httpd -f -p 8080 -h /www",
                 "container":{"type":"DOCKER","docker":{"image":"%s","network":"BRIDGE",
                   "parameters":[{"key":"pull","value":"never"}]},
                   "portMappings":[{"containerPort":8080,"hostPort":0,"name":"http"}]},
                 "healthChecks":[{"protocol":"HTTP","path":"/","portIndex":0,"gracePeriodSeconds":10,
                   "intervalSeconds":2,"timeoutSeconds":1,"maxConsecutiveFailures":3}]}""".formatted(id, instances, IMAGE);
    }

    @Test
    void dockerAppsRunOnlyOnDockerAgentsWithLimitsPortsAndHealth() throws Exception {
        assertThat(client.send("POST", "/v2/apps", webApp("/docker/web", 2)).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> healthy("/docker/web") == 2);

        List<JsonNode> tasks = client.running("/docker/web");
        for (JsonNode t : tasks) {
            assertThat(t.path("host").asText()).as("only the agent with Docker runs them").isEqualTo(DOCKER_HOST);
            int port = t.path("ports").get(0).asInt();
            assertThat(port).isBetween(31200, 31300);
            assertThat(httpGet("http://" + DOCKER_HOST + ":" + port + "/")).isEqualTo("hello from " + DOCKER_HOST);
        }
        List<String> names = containers();
        assertThat(names).hasSize(2);
        String limits = run("docker", "inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.CpuShares}}",
                names.get(0)).out().strip();
        assertThat(limits).isEqualTo((32L * 1024 * 1024) + " 102");

        // a killed task is stopped in Docker and replaced
        String victim = tasks.get(0).path("id").asText();
        assertThat(client.send("DELETE", "/v2/apps/docker/web/tasks/" + victim, null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> healthy("/docker/web") == 2
                && client.running("/docker/web").stream().noneMatch(t -> t.path("id").asText().equals(victim)));
        await().atMost(WAIT).until(() -> containers().size() == 2);

        assertThat(client.send("DELETE", "/v2/apps/docker/web", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> containers().isEmpty());
    }

    @Test
    void aMissingImageFailsTheLaunchWithDockersReason() throws Exception {
        String app = """
                {"id":"/docker/missing","instances":1,"cpus":0.1,"mem":16,"backoffSeconds":5,"cmd":"true",
                 "container":{"type":"DOCKER","docker":{"image":"plumbery-test/no-such-image:1",
                   "parameters":[{"key":"pull","value":"never"}]}}}""";
        assertThat(client.send("POST", "/v2/apps", app).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.get("/v2/apps/docker/missing?embed=apps.lastTaskFailure").body()
                .path("app").path("lastTaskFailure").path("message").asText().contains("Failed to launch container"));
        JsonNode failure = client.get("/v2/apps/docker/missing?embed=apps.lastTaskFailure").body().path("app")
                .path("lastTaskFailure");
        assertThat(failure.path("state").asText()).isEqualTo("TASK_FAILED");
        assertThat(failure.path("message").asText()).containsIgnoringCase("no such image");
        assertThat(client.send("DELETE", "/v2/apps/docker/missing?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void aRestartedAgentRecoversItsContainersAndRemovesOrphans() throws Exception {
        assertThat(client.send("POST", "/v2/apps", webApp("/docker/survivor", 1)).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> healthy("/docker/survivor") == 1);
        String taskId = client.running("/docker/survivor").get(0).path("id").asText();
        String orphan = "mesos-" + dockerAgent.agentId().orElseThrow() + ".orphan";
        assertThat(run("docker", "run", "-d", "--pull=never", "--name", orphan, IMAGE, "sleep", "600").exit()).isZero();

        dockerAgent.detach();
        dockerAgent = new AgentServer(dockerAgentConfig);
        dockerAgent.start();
        await().atMost(WAIT).until(dockerAgent::isRegistered);

        assertThat(containers()).doesNotContain(orphan).hasSize(1);
        assertThat(client.running("/docker/survivor")).extracting(t -> t.path("id").asText()).containsExactly(taskId);
        assertThat(client.send("DELETE", "/v2/apps/docker/survivor", null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> containers().isEmpty());
    }

    private int healthy(String appId) throws Exception {
        int n = 0;
        for (JsonNode t : client.running(appId)) {
            for (JsonNode h : t.path("healthCheckResults")) {
                n += h.path("alive").asBoolean() ? 1 : 0;
            }
        }
        return n;
    }

    /** Names of the containers of the Docker agent, running or not. */
    private List<String> containers() {
        String prefix = "mesos-" + dockerAgent.agentId().orElseThrow() + ".";
        return run("docker", "ps", "-a", "--format", "{{.Names}}").out().lines()
                .filter(n -> n.startsWith(prefix)).toList();
    }

    private static String httpGet(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    /** busybox with its applets linked, imported as an image: no registry needed. */
    private static void buildImage() throws Exception {
        if (run("docker", "image", "inspect", IMAGE).exit() == 0) {
            return;
        }
        Path root = Files.createDirectories(dir.resolve("image/bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"));
        for (String applet : run("/bin/busybox", "--list").out().split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(root.resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.createDirectories(dir.resolve("image/tmp"));
        Result imported = run("sh", "-c", "tar -C '" + dir.resolve("image") + "' -c . | docker import -c 'ENV PATH=/bin' - "
                + IMAGE);
        assertThat(imported.exit()).as(imported.out()).isZero();
    }

    record Result(int exit, String out) {
    }

    private static Result run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (Exception e) {
            return new Result(-1, e.toString());
        }
    }
}
