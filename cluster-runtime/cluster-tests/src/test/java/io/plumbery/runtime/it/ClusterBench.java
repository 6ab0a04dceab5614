package io.plumbery.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.allocator.Allocator;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;

/**
 * Benchmark main (not a test): offer→TASK_RUNNING latency, allocation-cycle time with 1,000 and 10,000 agents
 * (pure allocator, and the real master with simulated agents registered over the real agent protocol), and master
 * failover time. Everything on loopback. Run, in cluster-runtime/:
 * {@code mvn -B -pl cluster-tests -am test-compile exec:java -Dexec.mainClass=io.plumbery.runtime.it.ClusterBench -Dexec.classpathScope=test -Dexec.args="1000"}
 */
public final class ClusterBench {
    private ClusterBench() {
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static void run(String[] args) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("cluster-bench");
        String only = args.length > 1 ? args[1] : "all";
        if (only.equals("all") || only.equals("allocation")) {
            allocatorCycles();
            masterCycles(dir);
        }
        if (only.equals("all") || only.equals("latency")) {
            launchLatency(dir, tasks);
        }
        if (only.equals("all") || only.equals("failover")) {
            failover(dir);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static double percentile(List<Double> xs, double p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
    }

    /** Pure DRF allocator: one full cycle offering every agent, 10 frameworks in 2 roles. */
    static void allocatorCycles() {
        Map<Integer, Double> medians = new HashMap<>();
        for (int agents : new int[] {1_000, 10_000}) {
            Resources r = ResourceSpec.parseResources("cpus:8;mem:32768;disk:100000;ports:[31000-32000]");
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < 15; run++) {
                Allocator a = new Allocator();
                for (int f = 0; f < 10; f++) {
                    a.addFramework("f" + f, f % 2 == 0 ? "web" : "batch", true);
                }
                for (int i = 0; i < agents; i++) {
                    a.addAgent("s" + i, r, Map.of());
                }
                long t0 = System.nanoTime();
                List<Allocator.Grant> grants = a.allocate(0);
                times.add((System.nanoTime() - t0) / 1e6);
                if (grants.size() != agents) {
                    throw new IllegalStateException("expected a grant per agent");
                }
            }
            medians.put(agents, median(times.subList(5, times.size())));
        }
        System.out.printf("allocator cycle (pure, 10 frameworks): 1,000 agents %.2f ms; 10,000 agents %.2f ms;"
                + " ratio %.1fx for 10x agents%n", medians.get(1_000), medians.get(10_000),
                medians.get(10_000) / medians.get(1_000));
    }

    /** The real master with N simulated agents registered over HTTP; cycle time from the master's metric. */
    static void masterCycles(Path dir) throws Exception {
        Map<Integer, Double> medians = new HashMap<>();
        for (int agents : new int[] {1_000, 10_000}) {
            try (MasterServer master = Cluster.master("127.0.0.61", null, dir.resolve("bm" + agents),
                    Duration.ofHours(1), Duration.ofHours(1))) {
                String endpoint = master.info().endpoint();
                registerSimulatedAgents(endpoint, agents);
                try (SchedulerClient s = new SchedulerClient(endpoint)) {
                    s.subscribe(endpoint, SchedulerClient.frameworkInfo("bench", null, 0, false));
                    List<Double> times = new ArrayList<>();
                    for (int run = 0; run < 7; run++) {
                        int offers = awaitOfferCount(s, agents);
                        times.add(Json.MAPPER.readTree(Cluster.get(endpoint, "/metrics/snapshot").body())
                                .path("allocator/mesos/allocation_run_ms").asDouble());
                        declineAll(s, offers);
                    }
                    medians.put(agents, median(times.subList(2, times.size())));
                }
            }
        }
        System.out.printf("master allocation cycle (simulated agents over the agent protocol): 1,000 agents %.2f ms;"
                + " 10,000 agents %.2f ms; ratio %.1fx%n", medians.get(1_000), medians.get(10_000),
                medians.get(10_000) / medians.get(1_000));
    }

    private static final java.util.Set<JsonNode> SEEN = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private static int awaitOfferCount(SchedulerClient s, int agents) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int count = 0;
            for (JsonNode e : s.events) {
                if (e.path("type").asText().equals("OFFERS") && !SEEN.contains(e)) {
                    count += e.path("offers").path("offers").size();
                }
            }
            if (count >= agents) {
                return count;
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new IllegalStateException("offers for all agents did not arrive");
    }

    private static void declineAll(SchedulerClient s, int expected) throws Exception {
        ObjectNode decline = s.call("DECLINE");
        ArrayNode ids = decline.putObject("decline").putArray("offer_ids");
        for (JsonNode e : s.events) {
            if (e.path("type").asText().equals("OFFERS") && !SEEN.contains(e)) {
                e.path("offers").path("offers").forEach(o -> ids.add(o.path("id")));
                SEEN.add(e);
            }
        }
        decline.with("decline").putObject("filters").put("refuse_seconds", 0.0);
        s.post(decline);
        if (ids.size() < expected) {
            throw new IllegalStateException("declined fewer offers than seen");
        }
    }

    static void registerSimulatedAgents(String master, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Semaphore inflight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentInfo info = new AgentInfo("sim-" + i, 5051,
                    ResourceSpec.parseResources("cpus:8;mem:32768;disk:100000;ports:[31000-32000]").toProto(null),
                    List.of(), null);
            byte[] body = Json.bytes(new AgentMessages.Register(info, "127.0.0.1:9", "1.11.0", List.of(), List.of(AgentMessages.BATCHES)));
            inflight.acquire();
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + master + AgentMessages.MASTER_REGISTER))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, t) -> inflight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            if (f.get(60, TimeUnit.SECONDS).statusCode() != 200) {
                throw new IllegalStateException("simulated agent registration failed");
            }
        }
    }

    /** offers → ACCEPT(LAUNCH) → TASK_RUNNING with real agents running real (short) shell tasks. */
    static void launchLatency(Path dir, int n) throws Exception {
        try (MasterServer master = Cluster.master("127.0.0.62", null, dir.resolve("lm"))) {
            String endpoint = master.info().endpoint();
            List<AgentServer> agents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                agents.add(Cluster.agent("127.0.0." + (63 + i), endpoint, dir.resolve("la" + i)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (agents.stream().anyMatch(a -> !a.isRegistered()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            List<Double> rtt = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long t = System.nanoTime();
                Cluster.get(endpoint, "/master/health");
                rtt.add((System.nanoTime() - t) / 1e6);
            }
            double baseline = median(rtt.subList(100, rtt.size()));
            try (SchedulerClient s = new SchedulerClient(endpoint)) {
                s.subscribe(endpoint, SchedulerClient.frameworkInfo("latency", null, 0, false));
                Map<String, Long> offeredAt = new HashMap<>();
                int launched = 0;
                long t0 = System.nanoTime();
                long waitNs = 0;
                long postNs = 0;
                while (launched < n) {
                    long w0 = System.nanoTime();
                    JsonNode offer = s.awaitOffer(0.01, 4, 30);
                    long received = System.nanoTime();
                    waitNs += received - w0;
                    int k = Math.min(n - launched, Math.min(10, (int) (SchedulerClient.scalar(offer, "cpus") / 0.01)));
                    k = Math.min(k, (int) (SchedulerClient.scalar(offer, "mem") / 4));
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < k; i++) {
                        ids.add("t" + (launched + i));
                        offeredAt.put("t" + (launched + i), received);
                    }
                    s.consumed(offer);
                    long p0 = System.nanoTime();
                    launchMany(s, offer, ids);
                    postNs += System.nanoTime() - p0;
                    launched += k;
                }
                System.out.printf("  (scheduler launch loop %.1f s: %.1f s waiting for offers, %.1f s in ACCEPT calls)%n",
                        (System.nanoTime() - t0) / 1e9, waitNs / 1e9, postNs / 1e9);
                for (String id : offeredAt.keySet()) {
                    s.awaitUpdate(id, "TASK_RUNNING", 60);
                }
                List<Double> latencies = new ArrayList<>();
                List<Double> atAgent = new ArrayList<>();
                for (int i = 0; i < s.events.size(); i++) {
                    JsonNode st = s.events.get(i).path("update").path("status");
                    String id = st.path("task_id").path("value").asText();
                    if (st.path("state").asText().equals("TASK_RUNNING") && offeredAt.containsKey(id)) {
                        latencies.add((s.receivedNanos.get(i) - offeredAt.get(id)) / 1e6);
                        atAgent.add(st.path("timestamp").asDouble() * 1000 - wallMillis(offeredAt.get(id)));
                    }
                }
                System.out.printf("  (the agent had the task running at p50 %.1f ms after the offer, by its clock)%n",
                        percentile(atAgent, 0.5));
                double total = (System.nanoTime() - t0) / 1e9;
                System.out.printf("offer→launch→TASK_RUNNING for %d tasks on 4 agents: p50 %.1f ms, p99 %.1f ms"
                        + " (all running after %.1f s); baseline HTTP round trip to the master %.2f ms:"
                        + " p50 = %.0fx baseline%n", n, percentile(latencies, 0.5), percentile(latencies, 0.99), total,
                        baseline, percentile(latencies, 0.5) / baseline);
            }
            for (AgentServer a : agents) {
                a.close();
            }
        }
    }

    private static final long WALL_AT_START = System.currentTimeMillis();
    private static final long NANO_AT_START = System.nanoTime();

    private static double wallMillis(long nanos) {
        return WALL_AT_START + (nanos - NANO_AT_START) / 1e6;
    }

    private static void launchMany(SchedulerClient s, JsonNode offer, List<String> ids) throws Exception {
        ObjectNode call = s.call("ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.path("id"));
        ArrayNode infos = accept.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch")
                .putArray("task_infos");
        for (String id : ids) {
            ObjectNode task = infos.addObject().put("name", id);
            task.putObject("task_id").put("value", id);
            task.set("agent_id", offer.path("agent_id"));
            ArrayNode res = task.putArray("resources");
            res.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", 0.01);
            res.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", 4);
            task.putObject("command").put("value", "true");
        }
        accept.putObject("filters").put("refuse_seconds", 0.0);
        s.post(call);
    }

    /** Leader stops → another master leads, the agent re-registers, the scheduler re-subscribes. */
    static void failover(Path dir) throws Exception {
        List<Double> elected = new ArrayList<>();
        List<Double> agentBack = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (TestingServer zk = new TestingServer(Cluster.freePort("127.0.0.1"), true)) {
                String url = "zk://" + zk.getConnectString() + "/mesos";
                List<MasterServer> masters = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    masters.add(Cluster.master("127.0.0." + (71 + i), url, dir.resolve("fm" + round + i)));
                }
                waitFor(() -> masters.stream().anyMatch(MasterServer::isLeader));
                AgentServer agent = Cluster.agent("127.0.0.75", url, dir.resolve("fa" + round));
                waitFor(agent::isRegistered);
                MasterServer leader = masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
                long t0 = System.nanoTime();
                leader.close();
                waitFor(() -> masters.stream().anyMatch(m -> m != leader && m.isLeader()));
                elected.add((System.nanoTime() - t0) / 1e6);
                MasterServer next = masters.stream().filter(m -> m != leader && m.isLeader()).findFirst().orElseThrow();
                waitFor(() -> agent.isRegistered() && next.info().endpoint().equals(agent.registeredWith()));
                agentBack.add((System.nanoTime() - t0) / 1e6);
                agent.close();
                for (MasterServer m : masters) {
                    m.close();
                }
            }
        }
        System.out.printf("master failover (leader closed its session): new leader median %.0f ms, agent re-registered"
                + " median %.0f ms (3 rounds)%n", median(elected), median(agentBack));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
