package io.plumbery.runtime.marathon;

import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;

/**
 * Benchmark main (not a test): launch throughput of Marathon for one app of N instances on simulated agents (tasks
 * per second reaching TASK_RUNNING, from POST /v2/apps), with state in memory and in ZooKeeper; and the time from
 * POST to all-running for sample apps of a 3x9 cluster (9 agents). Everything on loopback. Run, in cluster-runtime/:
 * {@code mvn -B -pl cluster-tests -am test-compile exec:java
 * -Dexec.mainClass=io.plumbery.runtime.marathon.MarathonBench -Dexec.classpathScope=test -Dexec.args="1000"}
 */
public final class MarathonBench {
    private MarathonBench() {
    }

    static final String AGENT = "[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":16}},"
            + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":65536}},"
            + "{\"name\":\"disk\",\"type\":\"SCALAR\",\"scalar\":{\"value\":100000}},"
            + "{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":31000,\"end\":32000}]}}]";

    static final List<String> SAMPLE_APPS = List.of(
                "{\"id\":\"/demo/web\",\"cmd\":\"exec python3 -m http.server $PORT0 --bind $HOST\",\"cpus\":0.1,\"mem\":64,\"instances\":9,"
                        + "\"constraints\":[[\"hostname\",\"UNIQUE\"]]}",
                "{\"id\":\"/demo/api\",\"cmd\":\"sleep 1000\",\"cpus\":0.2,\"mem\":128,\"instances\":6}",
                "{\"id\":\"/demo/worker\",\"cmd\":\"sleep 1000\",\"cpus\":0.5,\"mem\":256,\"instances\":18,"
                        + "\"constraints\":[[\"hostname\",\"MAX_PER\",\"2\"]]}");

    public static void main(String[] args) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("marathon-bench");
        int rounds = 3;
        try (TestingServer zk = new TestingServer(TestPorts.freePort(), true)) {
            String zkUrl = "zk://" + zk.getConnectString();
            throughput(dir, null, n, 100); // warm-up (JIT, first connections): not counted
            List<Double> memory = new ArrayList<>();
            List<Double> stored = new ArrayList<>();
            for (int r = 0; r < rounds; r++) { // alternated, so that machine noise hits both alike
                memory.add(throughput(dir, null, n, 100));
                stored.add(throughput(dir, zkUrl + "/marathon-bench-" + r, n, 100));
            }
            System.out.printf("marathon launch throughput, median of %d: in-memory state %.0f tasks/s, ZooKeeper state"
                    + " %.0f tasks/s (ZooKeeper/in-memory = %.2f)%n", rounds, n / median(memory), n / median(stored),
                    median(memory) / median(stored));
            List<Double> sample = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                sample.add(sampleApps(dir, zkUrl + "/marathon-3x9-" + r));
            }
            System.out.printf("3x9 sample apps (web 9 UNIQUE, api 6, worker 18 MAX_PER 2) on 9 simulated agents: POST to"
                    + " all 33 running, median of %d: %.0f ms%n", rounds, median(sample) * 1000);
        }
        sampleAppsOnRealAgents(dir.resolve("real"), rounds);
        System.exit(0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static final java.util.concurrent.atomic.AtomicInteger RIGS = new java.util.concurrent.atomic.AtomicInteger();

    private record Rig(MasterServer master, SimulatedAgents agents, MarathonServer marathon, MarathonClient client)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            marathon.close();
            agents.close();
            master.close();
        }
    }

    private static Rig rig(Path dir, String zk, int agents) throws Exception {
        MasterServer master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir.resolve("m" + RIGS.incrementAndGet()))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60)));
        master.start();
        String endpoint = "127.0.0.1:" + master.port();
        SimulatedAgents sim = new SimulatedAgents(endpoint);
        sim.start(agents, AGENT);
        MarathonServer marathon = new MarathonServer(MarathonConfig.of("127.0.0.1", 0, endpoint, zk));
        marathon.start();
        MarathonClient client = new MarathonClient(marathon.endpoint());
        waitFor(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed(), 30);
        return new Rig(master, sim, marathon, client);
    }

    /** Seconds from POST /v2/apps to all {@code n} instances running. */
    private static double throughput(Path dir, String zk, int n, int agents) throws Exception {
        try (Rig rig = rig(dir, zk, agents)) {
            long start = System.nanoTime();
            rig.client().send("POST", "/v2/apps", "{\"id\":\"/bench/app\",\"cmd\":\"sleep 1000\",\"cpus\":0.01,"
                    + "\"mem\":1,\"instances\":" + n + "}");
            waitFor(() -> {
                var app = rig.client().get("/v2/apps/bench/app?embed=none").body().path("app");
                if (System.getProperty("bench.trace") != null) {
                    System.out.printf("%.2f s staged %d running %d%n", (System.nanoTime() - start) / 1e9,
                            app.path("tasksStaged").asInt(), app.path("tasksRunning").asInt());
                }
                return app.path("tasksRunning").asInt() == n;
            }, 300);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %s state: %d instances on %d simulated agents running in %.2f s = %.0f tasks/s%n",
                    zk == null ? "in-memory" : "ZooKeeper", n, agents, seconds, n / seconds);
            return seconds;
        }
    }

    /** Sample apps on a 3x9 cluster: POST each, time until all are running. */
    private static double sampleApps(Path dir, String zk) throws Exception {
        List<String> apps = SAMPLE_APPS;
        try (Rig rig = rig(dir, zk, 9)) {
            long start = System.nanoTime();
            for (String app : apps) {
                rig.client().send("POST", "/v2/apps", app);
            }
            waitFor(() -> rig.client().get("/v2/apps").body().path("apps").findValues("tasksRunning").stream()
                    .mapToInt(v -> v.asInt()).sum() == 33, 120);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The same sample apps with real services: ZooKeeper, one master and 9 real agents running real processes. */
    private static void sampleAppsOnRealAgents(Path dir, int rounds) throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 9)) {
            waitFor(cluster::ready, 60);
            MarathonServer marathon = cluster.marathon();
            waitFor(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed(), 30);
            MarathonClient client = new MarathonClient(marathon.endpoint());
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (String app : SAMPLE_APPS) {
                    client.send("POST", "/v2/apps", app);
                }
                waitFor(() -> client.get("/v2/apps").body().path("apps").findValues("tasksRunning").stream()
                        .mapToInt(v -> v.asInt()).sum() == 33, 120);
                times.add((System.nanoTime() - start) / 1e9);
                for (String id : List.of("/demo/web", "/demo/api", "/demo/worker")) {
                    client.send("DELETE", "/v2/apps" + id + "?force=true", null);
                }
                waitFor(() -> client.get("/v2/tasks").body().path("tasks").isEmpty()
                        && client.get("/v2/apps").body().path("apps").isEmpty(), 60);
            }
            System.out.printf("3x9 sample apps on 9 real agents (127.0.0.2-10, real processes): POST to all 33 running,"
                    + " median of %d: %.0f ms (%s)%n", rounds, median(times) * 1000,
                    times.stream().map(t -> String.format("%.0f", t * 1000)).toList());
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls (every 200 ms, bounded) until the check holds. */
    private static void waitFor(Check check, int seconds) {
        org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(seconds))
                .until(check::ok);
    }
}
