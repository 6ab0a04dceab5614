package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.marathon.ClusterSecrets;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real, unchanged third-party v1 scheduler clients, each in a process of its own (see clients/mesos-java and clients/mesos-node), run one shell
 * task to its end and tear their framework down: mesos-rxjava's protobuf client (Java, protobuf on the wire) and
 * mesos-framework (JavaScript, JSON). Each step is asserted from the driver's output and from the master's state.
 * The Java client runs against a master with every authentication on, given its principal and secret
 * ({@code MESOS_PRINCIPAL}, {@code MESOS_SECRET}); mesos-framework cannot send credentials (its requests' headers are
 * fixed and its FrameworkInfo has no principal), so it runs against a master whose scheduler API alone is open.
 * Against a running cluster: {@code -Dclients.master=http://HOST:5050}, credentials from the environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerClientsIT {
    private static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NPM_TIMEOUT = Duration.ofSeconds(300);
    private static final Path CLIENTS = Path.of(System.getProperty("clients.dir", "../clients"));
    private static final Path WORK = Path.of(System.getProperty("clients.work", "target/clients"));
    private static final Credential ADMIN = ClusterSecrets.ADMIN;

    @TempDir
    static Path dir;
    TestingServer zk;
    MasterServer master;
    AgentServer agent;
    MasterServer openSchedulerMaster;
    AgentServer openSchedulerAgent;
    String masterUrl;
    String openSchedulerMasterUrl;
    Map<String, String> credentials = Map.of();

    @BeforeAll
    void start() throws Exception {
        masterUrl = System.getProperty("clients.master");
        if (masterUrl != null && !masterUrl.isBlank()) {
            openSchedulerMasterUrl = masterUrl;
            return;
        }
        zk = new TestingServer(Cluster.freePort("127.0.0.1"), true);
        String url = "zk://" + zk.getConnectString() + "/mesos";
        master = Cluster.master("127.0.0.1", url, dir.resolve("master"), ClusterSecrets.master());
        await().atMost(Duration.ofSeconds(15)).until(master::isLeader);
        agent = Cluster.agent("127.0.0.2", url, dir.resolve("agent"), ClusterSecrets.agent());
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
        masterUrl = "http://127.0.0.1:" + master.port();
        credentials = Map.of("MESOS_PRINCIPAL", ADMIN.principal(), "MESOS_SECRET", ADMIN.secret());

        MasterAuth all = ClusterSecrets.master();
        MasterAuth openScheduler = new MasterAuth(all.credentials(), true, true, false, true);
        openSchedulerMaster = Cluster.master("127.0.0.3", null, dir.resolve("open-master"), openScheduler);
        openSchedulerMasterUrl = "http://127.0.0.3:" + openSchedulerMaster.port();
        openSchedulerAgent = Cluster.agent("127.0.0.4", "127.0.0.3:" + openSchedulerMaster.port(),
                dir.resolve("open-agent"), ClusterSecrets.agent());
        await().atMost(Duration.ofSeconds(15)).until(openSchedulerAgent::isRegistered);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {openSchedulerAgent, openSchedulerMaster, agent, master, zk}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void mesosRxJavaProtobufClientRunsATaskAndTearsDown() throws Exception {
        String classpath = CLIENTS.resolve("mesos-java/target/classes") + File.pathSeparator
                + Files.readString(CLIENTS.resolve("mesos-java/target/driver.classpath")).strip();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.plumbery.clients.RxJavaScheduler", masterUrl, "rxjava-it");
        assertTaskRanAndFrameworkWasTornDown(masterUrl,
                DriverProcess.run(command, WORK.resolve("rxjava"), DRIVER_TIMEOUT, credentials));
    }

    @Test
    void mesosFrameworkJavaScriptClientRunsATaskAndTearsDown() throws Exception {
        Path js = WORK.resolve("js");
        Files.createDirectories(js);
        for (String file : new String[] {"package.json", "package-lock.json", "scheduler.js"}) {
            Files.copy(CLIENTS.resolve("mesos-node").resolve(file), js.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        DriverProcess npm = DriverProcess.run(List.of("npm", "ci", "--no-audit", "--no-fund"), js, NPM_TIMEOUT);
        assertThat(npm.exitCode()).as("npm ci:\n%s", npm.output()).isZero();
        assertTaskRanAndFrameworkWasTornDown(openSchedulerMasterUrl,
                DriverProcess.run(List.of("node", "scheduler.js", openSchedulerMasterUrl, "js-it"), js, DRIVER_TIMEOUT));
    }

    private void assertTaskRanAndFrameworkWasTornDown(String ranOn, DriverProcess driver) throws Exception {
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
                .until(() -> completedFramework(ranOn, frameworkId), Optional::isPresent).orElseThrow();
        JsonNode task = null;
        for (JsonNode t : framework.path("completed_tasks")) {
            task = t.path("id").asText().equals(taskId) ? t : task;
        }
        assertThat(task).as("task %s in the master's completed tasks: %s", taskId, framework).isNotNull();
        assertThat(task.path("state").asText()).isEqualTo("TASK_FINISHED");
        assertThat(task.path("statuses").findValuesAsText("state")).contains("TASK_RUNNING", "TASK_FINISHED");
    }

    private Optional<JsonNode> completedFramework(String ranOn, String frameworkId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ranOn + "/master/state"));
        if (master != null) {
            request.header("Authorization", ADMIN.basicAuthorization());
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
