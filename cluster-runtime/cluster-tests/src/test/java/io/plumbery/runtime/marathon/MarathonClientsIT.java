package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unchanged third-party Marathon clients against a real in-process cluster (ZooKeeper, a master, two agents,
 * Marathon), every authentication on: each is given the credentials in its environment ({@code MARATHON_USER},
 * {@code MARATHON_PASSWORD}, and {@code MESOS_PRINCIPAL}, {@code MESOS_SECRET} for the master) and runs its scenario
 * (create, run, scale, list, info, delete, each step checked through the client and against the master's state) in
 * its own process, as its users run it. The scenarios live in
 * {@code cluster-runtime/clients/}; the build resolves the Java client's own class path and installs the
 * JavaScript client with {@code npm ci} under target/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarathonClientsIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration SCENARIO = Duration.ofMinutes(3);
    @TempDir
    static Path dir;
    TestCluster cluster;
    MarathonServer marathon;

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(dir, 2, 1, true);
        await().atMost(WAIT).until(cluster::ready);
        marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed());
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void marathonClientForJava() throws Exception {
        Path client = Path.of(System.getProperty("marathon-java.dir"));
        String classpath = client.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(client.resolve("client.classpath")).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertPassed(run(List.of(java, "-cp", classpath, "io.plumbery.clients.marathon.Scenario",
                marathonUrl(), masterUrl(), "/clients/java/hello"), client));
    }

    @Test
    void marathonNode() throws Exception {
        Path client = Path.of(System.getProperty("marathon-node.dir"));
        List<String> output = run(List.of("node", "scenario.js", marathonUrl(), masterUrl(), "/clients/node/hello"), client);
        assertPassed(output);
        assertThat(output).contains("ok: created the empty group /clients/node/hello-group",
                "ok: group /clients/node/hello-group runs /clients/node/hello-group/app",
                "ok: deleted the group /clients/node/hello-group");
    }

    private String marathonUrl() {
        return "http://" + marathon.endpoint();
    }

    private String masterUrl() {
        return "http://127.0.0.1:" + cluster.master.port();
    }

    private static void assertPassed(List<String> output) {
        assertThat(output).as(String.join("\n", output)).contains("scenario passed");
        assertThat(output).filteredOn(l -> l.startsWith("ok: the master runs")).hasSize(2);
        assertThat(output).anyMatch(l -> l.startsWith("ok: deleted "));
    }

    /** The scenario's output lines; the process is killed if it outlives {@link #SCENARIO}. */
    private static List<String> run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "client", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("MARATHON_USER", ClusterSecrets.ADMIN.principal(),
                "MARATHON_PASSWORD", ClusterSecrets.ADMIN.secret(), "MESOS_PRINCIPAL", ClusterSecrets.ADMIN.principal(),
                "MESOS_SECRET", ClusterSecrets.ADMIN.secret()));
        Process p = builder.start();
        List<String> out = new ArrayList<>();
        if (!p.waitFor(SCENARIO.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            out.add("killed after " + SCENARIO.toSeconds() + " s");
        }
        out.addAll(0, Files.readAllLines(log, StandardCharsets.UTF_8));
        System.out.println(String.join(System.lineSeparator(), out)); // in the IT's report, passed or not
        return out;
    }
}
