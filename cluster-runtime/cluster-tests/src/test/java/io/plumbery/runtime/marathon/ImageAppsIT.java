package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.agent.ImageSettings;
import io.plumbery.runtime.images.TestImages;
import io.plumbery.runtime.images.TestRegistry;
import io.plumbery.runtime.protocol.ResourceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marathon apps in Docker images on an agent with no Docker engine, end to end: ZooKeeper, a master, Marathon, and
 * one agent (127.0.0.4) whose docker image provider pulls from Debian's registry on loopback, where the test pushed
 * its busybox image. Both {@code container.type} MESOS with {@code docker.image} and DOCKER run there, as nobody, on
 * the host's network with ports from the offer. Needs root (namespaces); skipped otherwise, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageAppsIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String HOST = "127.0.0.4";
    @TempDir
    static Path dir;
    TestRegistry registry;
    TestCluster cluster;
    AgentServer agent;
    MarathonClient client;

    @BeforeAll
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "image containers need a root agent (CI is root)");
        assumeTrue(TestRegistry.unavailable() == null, TestRegistry.unavailable());
        assumeTrue(TestImages.unavailable() == null, TestImages.unavailable());
        registry = TestRegistry.start(dir.resolve("registry"), false);
        TestImages.push(registry, "hello", "1", TestImages.echoing(), dir.resolve("build"));
        cluster = new TestCluster(dir, 0);
        AgentConfig config = AgentConfig.of(HOST, 0, cluster.mesosUrl(),
                        ResourceSpec.parseResources("cpus:4;mem:4096;disk:10000;ports:[31400-31500]"),
                        dir.resolve("image-agent"))
                .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withImages(new ImageSettings(registry.url(), dir.resolve("store"), null));
        agent = new AgentServer(config);
        agent.start();
        await().atMost(WAIT).until(() -> cluster.ready() && agent.isRegistered());
        client = new MarathonClient(cluster.leadingMarathon().endpoint());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (agent != null) {
            assertThat(rootfses()).as("root filesystems left by the agent").isEmpty();
        }
    }

    static String webApp(String id, String container) {
        return """
                {"id":"%s","instances":1,"cpus":0.1,"mem":32,"backoffSeconds":0.2,"user":"nobody",
                 "cmd":"exec busybox httpd -f -p $PORT0 -h /www",
                 "portDefinitions":[{"port":0,"name":"http"}],
                 "container":%s,
                 "healthChecks":[{"protocol":"HTTP","path":"/","portIndex":0,"gracePeriodSeconds":20,
                   "intervalSeconds":2,"timeoutSeconds":1,"maxConsecutiveFailures":3}]}""".formatted(id, container);
    }

    @Test
    void aMesosContainerWithADockerImageServesOnItsPort() throws Exception {
        String container = "{\"type\":\"MESOS\",\"docker\":{\"image\":\"" + registry.hostPort() + "/hello:1\"}}";
        assertServes("/images/mesos", container);
    }

    @Test
    void aDockerContainerRunsWithoutADockerEngine() throws Exception {
        String container = "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + registry.hostPort() + "/hello:1\","
                + "\"network\":\"HOST\"}}";
        assertServes("/images/docker", container);
    }

    @Test
    void anImageTheRegistryDoesNotHaveFailsTheTaskWithMesossReason() throws Exception {
        String app = """
                {"id":"/images/missing","instances":1,"cpus":0.1,"mem":16,"backoffSeconds":5,"cmd":"true",
                 "container":{"type":"MESOS","docker":{"image":"%s/no-such-image:1"}}}""".formatted(registry.hostPort());
        assertThat(client.send("POST", "/v2/apps", app).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> !failure("/images/missing").isMissingNode()
                && failure("/images/missing").has("message"));
        JsonNode failure = failure("/images/missing");
        assertThat(failure.path("state").asText()).isEqualTo("TASK_FAILED");
        assertThat(failure.path("message").asText()).isEqualTo(
                "Failed to launch container: Unexpected HTTP response '404 Not Found' when trying to get the manifest");
        assertThat(client.send("DELETE", "/v2/apps/images/missing?force=true", null).status()).isEqualTo(200);
    }

    private void assertServes(String appId, String container) throws Exception {
        assertThat(client.send("POST", "/v2/apps", webApp(appId, container)).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> healthy(appId));
        JsonNode task = client.running(appId).get(0);
        assertThat(task.path("host").asText()).isEqualTo(HOST);
        int port = task.path("ports").get(0).asInt();
        assertThat(port).isBetween(31400, 31500);
        assertThat(httpGet("http://" + HOST + ":" + port + "/")).isEqualTo(TestImages.PAGE.strip());

        assertThat(client.send("DELETE", "/v2/apps" + appId, null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> rootfses().isEmpty());
    }

    private JsonNode failure(String appId) throws Exception {
        return client.get("/v2/apps" + appId + "?embed=apps.lastTaskFailure").body().path("app").path("lastTaskFailure");
    }

    private boolean healthy(String appId) throws Exception {
        for (JsonNode t : client.running(appId)) {
            for (JsonNode h : t.path("healthCheckResults")) {
                if (h.path("alive").asBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The root filesystems of the agent's image containers. */
    private static java.util.List<Path> rootfses() throws Exception {
        Path containers = dir.resolve("image-agent/provisioner/containers");
        if (!Files.isDirectory(containers)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(containers)) {
            return s.toList();
        }
    }

    private static String httpGet(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }
}
