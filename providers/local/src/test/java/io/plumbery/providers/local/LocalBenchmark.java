package io.plumbery.providers.local;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.Exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not part of the test run: {@code mvn -B verify -Pbenchmark} (root). Prints the base image build time
 * cold (into an empty cache) and warm, the time to boot N nodes with cloud-init finished, to destroy them,
 * and the memory of an idle node; medians over the repeats.
 *
 * <p>System properties: {@code bench.nodes} (12), {@code bench.repeats} (3), {@code bench.cold} (true:
 * also time a build into an empty cache, about 2 minutes).
 */
public final class LocalBenchmark {

    private LocalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.nodes", 12);
        int repeats = Integer.getInteger("bench.repeats", 3);
        boolean cold = Boolean.parseBoolean(System.getProperty("bench.cold", "true"));
        String why = HostCheck.whyNot();
        if (why != null) {
            System.out.println("benchmark not run: " + why);
            return;
        }
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        Path key = work.resolve("id_ed25519");
        Files.deleteIfExists(key);
        Files.deleteIfExists(work.resolve("id_ed25519.pub"));
        Exec.check(Duration.ofSeconds(30), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        SshIdentity identity = new SshIdentity(key, Files.readString(work.resolve("id_ed25519.pub")).trim(), "plumbery");
        String mirror = BaseImage.mirror(Path.of("/etc/apt"));

        if (cold) {
            Path emptyCache = work.resolve("cold-cache");
            Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", emptyCache.toString()));
            long t = System.nanoTime();
            BaseImage.ensure(emptyCache, mirror, line -> { });
            System.out.printf("base image build, cold: %.1f s%n", secs(t));
            Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", emptyCache.toString()));
        }
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            BaseImage.ensure(BaseImage.defaultCache(), mirror, System.out::println);
            warm.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("base image, warm (cached): median %.1f ms%n", median(warm));

        for (String kind : List.of(Machine.NSPAWN, Machine.NETNS)) {
            nodes(kind, count, repeats, work, identity);
        }
    }

    private static void nodes(String kind, int count, int repeats, Path work, SshIdentity identity) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("stateDir", work.resolve("state").toString(), "quiet", "true"));
        List<Double> boot = new ArrayList<>();
        List<Double> destroy = new ArrayList<>();
        List<Double> pss = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.open(new ProviderSettings("pbbench", work, identity, options), kind)) {
            provider.purge();
            try {
                for (int r = 0; r < repeats; r++) {
                    NetworkRecord net = provider.ensureNetwork(new NetworkRequest("bench", "bench", "eth",
                            "10.77.203.0/24"));
                    ExecutorService pool = Executors.newFixedThreadPool(count);
                    try {
                        long t = System.nanoTime();
                        List<Future<NodeRecord>> futures = new ArrayList<>();
                        for (int i = 1; i <= count; i++) {
                            String name = "b" + i;
                            futures.add(pool.submit(() -> {
                                long s0 = System.nanoTime();
                                NodeRecord n = provider.createNode(new NodeRequest(name, net, 1, 512, List.of(),
                                        "debian", NodeLogin.userData(identity)));
                                Map<String, String> a = new HashMap<>(n.attributes());
                                a.put("bench.seconds", String.format("%.1f", secs(s0)));
                                return new NodeRecord(n.id(), n.name(), n.network(), n.status(), n.privateAddress(),
                                        n.publicAddress(), n.ssh(), a);
                            }));
                        }
                        List<NodeRecord> nodes = new ArrayList<>();
                        for (Future<NodeRecord> f : futures) {
                            nodes.add(f.get());
                        }
                        boot.add(secs(t));
                        System.out.printf("run %d: %d nodes ready in %.1f s%n", r + 1, count,
                                boot.get(boot.size() - 1));
                        NodeRecord slowest = nodes.get(0);
                        StringBuilder each = new StringBuilder();
                        for (NodeRecord n : nodes) {
                            each.append(' ').append(n.name()).append('=').append(n.attributes().get("bench.seconds"));
                            if (Double.parseDouble(n.attributes().get("bench.seconds"))
                                    > Double.parseDouble(slowest.attributes().get("bench.seconds"))) {
                                slowest = n;
                            }
                        }
                        System.out.println("  per node (s):" + each);
                        NodeRecord slow = slowest;
                        if (kind.equals(Machine.NSPAWN)) {
                            System.out.println("  slowest node " + slow.name() + ", systemd-analyze:\n" + NodeLogin.run(
                                    slow.privateAddress(), identity, slow.ssh().hostKey(),
                                    "systemd-analyze; systemd-analyze blame | head -6", Duration.ofSeconds(30)).stdout());
                        }
                        Thread.sleep(10_000); // idle
                        for (NodeRecord node : nodes) {
                            long[] m = memory(node.attributes().get("cgroup"));
                            pss.add(m[0] / 1024.0 / 1024.0);
                            rss.add(m[1] / 1024.0 / 1024.0);
                        }
                        t = System.nanoTime();
                        List<Future<?>> gone = new ArrayList<>();
                        for (NodeRecord node : nodes) {
                            gone.add(pool.submit(() -> {
                                provider.destroyNode(node);
                                return null;
                            }));
                        }
                        for (Future<?> f : gone) {
                            f.get();
                        }
                        provider.destroyNetwork(net);
                        destroy.add(secs(t));
                        System.out.printf("run %d: destroyed in %.1f s%n", r + 1, destroy.get(destroy.size() - 1));
                    } finally {
                        pool.shutdownNow();
                    }
                }
            } finally {
                provider.purge();
            }
        }
        System.out.printf("%n== provider %s, %d nodes, %d runs (medians) ==%n", provider(kind), count, repeats);
        System.out.printf("boot %d nodes, answering SSH%s: %.1f s%n", count,
                kind.equals(Machine.NSPAWN) ? " with cloud-init finished" : "", median(boot));
        System.out.printf("destroy %d nodes + network:          %.1f s%n", count, median(destroy));
        System.out.printf("memory per idle node: PSS %.1f MiB, cgroup rss %.1f MiB%n", median(pss), median(rss));
    }

    private static String provider(String kind) {
        return kind.equals(Machine.NSPAWN) ? "local" : "local-netns";
    }

    /** PSS of the node's processes, and the rss line of its memory cgroup (v1), in bytes. */
    static long[] memory(String cgroup) {
        long pss = 0;
        for (long pid : Cgroups.pids(cgroup)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pss += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // process gone
            }
        }
        long rss = 0;
        try {
            for (String line : Files.readAllLines(Cgroups.ROOT.resolve("memory").resolve(cgroup).resolve("memory.stat"))) {
                if (line.startsWith("total_rss ")) {
                    rss = Long.parseLong(line.substring(10).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no v1 memory controller
        }
        return new long[] {pss, rss};
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
