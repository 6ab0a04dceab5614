package io.plumbery.runtime.it;

import static io.plumbery.runtime.it.SchedulerScenario.CLIENTS;
import static io.plumbery.runtime.it.SchedulerScenario.DRIVER_TIMEOUT;
import static io.plumbery.runtime.it.SchedulerScenario.WORK;
import static io.plumbery.runtime.it.SchedulerScenario.assertTaskRanAndFrameworkWasTornDown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.marathon.ClusterSecrets;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final Duration NPM_TIMEOUT = Duration.ofSeconds(300);
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
        assertTaskRanAndFrameworkWasTornDown(masterUrl,
                SchedulerScenario.runRxJava(masterUrl, "rxjava-it", WORK.resolve("rxjava"), credentials),
                master == null ? null : ADMIN);
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
                DriverProcess.run(List.of("node", "scheduler.js", openSchedulerMasterUrl, "js-it"), js, DRIVER_TIMEOUT),
                master == null ? null : ADMIN);
    }
}
