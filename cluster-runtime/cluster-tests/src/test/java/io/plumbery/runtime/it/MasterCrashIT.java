package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.ClusterRuntime;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three masters as real processes of the runtime's main class; the leader is killed with SIGKILL (no clean session
 * close), so the new leader comes only when its ZooKeeper session expires (4 s).
 */
class MasterCrashIT {
    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();
    @RegisterExtension
    final OpenResources open = new OpenResources();

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
    }

    private Process startMaster(String ip, int port, String zk) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ClusterRuntime.class.getName(), "master",
                "--ip", ip, "--port", String.valueOf(port), "--zk", zk, "--quorum", "2",
                "--work_dir", dir.resolve(ip).toString(), "--zk_session_timeout", "4", "--allocation_interval", "200")
                .redirectErrorStream(true).redirectOutput(dir.resolve(ip + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    void killedLeaderIsReplacedAfterItsSessionExpiresAndAgentsFollow() throws Exception {
        TestingServer zk = new TestingServer(Cluster.freePort("127.0.0.1"), true);
        open.keep(zk);
        String url = "zk://" + zk.getConnectString() + "/mesos";
        Map<String, Process> byEndpoint = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String ip = "127.0.0." + (51 + i);
            int port = Cluster.freePort(ip);
            byEndpoint.put(ip + ":" + port, startMaster(ip, port, url));
        }
        CuratorFramework client = Zk.client(zk.getConnectString(), 4000);
        open.keep(client);
        client.start();
        AtomicReference<Optional<MasterInfo>> leader = new AtomicReference<>(Optional.empty());
        LeaderDetector detector = new LeaderDetector(client, "/mesos", leader::set);
        open.keep(detector);
        detector.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> leader.get().isPresent()
                && Zk.contenders(client.getChildren().forPath("/mesos")).size() == 3);
        MasterInfo first = leader.get().orElseThrow();
        AgentServer agent = Cluster.agent("127.0.0.55", url, dir.resolve("agent"));
        open.keep(agent);
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.isRegistered()
                && first.endpoint().equals(agent.registeredWith()));

        long killed = System.nanoTime();
        byEndpoint.get(first.endpoint()).destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> leader.get().map(m -> !m.id().equals(first.id())).orElse(false));
        long newLeaderMillis = (System.nanoTime() - killed) / 1_000_000;
        MasterInfo second = leader.get().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> Json.MAPPER.readTree(
                Cluster.get(second.endpoint(), "/metrics/snapshot").body()).path("master/elected").asInt() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.isRegistered()
                && second.endpoint().equals(agent.registeredWith()));
        long agentMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(Json.MAPPER.readTree(Cluster.get(second.endpoint(), "/master/slaves").body()).path("slaves").size())
                .isEqualTo(1);
        // The session (4 s) has to expire before the znode goes: a new leader no sooner, and well within bounds.
        assertThat(newLeaderMillis).isBetween(2_000L, 15_000L);
        System.out.printf("master crash (SIGKILL): new leader after %d ms, agent re-registered after %d ms%n",
                newLeaderMillis, agentMillis);
        assertThat(new File(dir.toFile(), first.address().ip() + ".log")).exists();
    }
}
