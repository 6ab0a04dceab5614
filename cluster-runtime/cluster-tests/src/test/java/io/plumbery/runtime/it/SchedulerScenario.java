package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario of the real scheduler clients (clients/mesos-java, clients/mesos-node): subscribe, launch one shell
 * task, acknowledge its updates, tear down. Each step is asserted from the driver's output and from the master's
 * state.
 */
final class SchedulerScenario {
    static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(120);
    static final Path CLIENTS = Path.of(System.getProperty("clients.dir", "../clients"));
    static final Path WORK = Path.of(System.getProperty("clients.work", "target/clients"));

    private SchedulerScenario() {
    }

    /** mesos-rxjava's client against {@code masterUrl}, with these variables (its credentials) in its environment. */
    static DriverProcess runRxJava(String masterUrl, String name, Path work, Map<String, String> environment)
            throws IOException, InterruptedException {
        String classpath = CLIENTS.resolve("mesos-java/target/classes") + File.pathSeparator
                + Files.readString(CLIENTS.resolve("mesos-java/target/driver.classpath")).strip();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.plumbery.clients.RxJavaScheduler", masterUrl, name);
        return DriverProcess.run(command, work, DRIVER_TIMEOUT, environment);
    }

    /**
     * The driver ran its task to TASK_FINISHED and tore its framework down, as the master at {@code ranOn} saw it
     * (read as {@code reader}, null where its state is open).
     */
    static void assertTaskRanAndFrameworkWasTornDown(String ranOn, DriverProcess driver, Credential reader)
            throws Exception {
        assertThat(driver.exitCode()).as("driver output:\n%s", driver.output()).isZero();
        String frameworkId = driver.step("SUBSCRIBED")[0];
        String taskId = driver.step("LAUNCHED")[0];
        assertThat(driver.lines()).as(driver.output()).containsSubsequence(
                "SUBSCRIBED " + frameworkId,
                "STATUS " + taskId + " TASK_RUNNING",
                "STATUS " + taskId + " TASK_FINISHED",
                "TEARDOWN " + frameworkId);
        assertThat(driver.lines()).noneMatch(l -> l.startsWith("ERROR"));

        JsonNode framework = await().atMost(Duration.ofSeconds(10))
                .until(() -> completedFramework(ranOn, frameworkId, reader), Optional::isPresent).orElseThrow();
        JsonNode task = null;
        for (JsonNode t : framework.path("completed_tasks")) {
            task = t.path("id").asText().equals(taskId) ? t : task;
        }
        assertThat(task).as("task %s in the master's completed tasks: %s", taskId, framework).isNotNull();
        assertThat(task.path("state").asText()).isEqualTo("TASK_FINISHED");
        assertThat(task.path("statuses").findValuesAsText("state")).contains("TASK_RUNNING", "TASK_FINISHED");
    }

    private static Optional<JsonNode> completedFramework(String ranOn, String frameworkId, Credential reader)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ranOn + "/master/state"));
        if (reader != null) {
            request.header("Authorization", reader.basicAuthorization());
        }
        JsonNode state = Json.parse(Cluster.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode fw : state.path("completed_frameworks")) {
            if (fw.path("id").asText().equals(frameworkId)) {
                return Optional.of(fw);
            }
        }
        return Optional.empty();
    }
}
