package io.plumbery.runtime.it;

import io.plumbery.runtime.chronos.ChronosServer;
import io.plumbery.runtime.chronos.job.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark main (not a test): how late periodic jobs start against their schedule. N jobs every second on a real
 * in-process cluster (ZooKeeper, a master, two agents, Chronos, all on loopback) for a while; each run writes its task
 * id and the time its shell started, and the delay is that time minus the slot's. Run, in cluster-runtime/:
 * {@code mvn -B -q -pl cluster-tests -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test}, then in cluster-tests/ {@code java -cp "target/test-classes:$(cat target/cp.txt)"
 * io.plumbery.runtime.it.ChronosBench 10 30} (jobs, seconds).
 */
public final class ChronosBench {
    private ChronosBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("chronos-bench");
        Path log = dir.resolve("starts.log");
        try (ChronosCluster cluster = new ChronosCluster(dir)) {
            while (!cluster.ready()) {
                Thread.sleep(100);
            }
            ChronosServer chronos = cluster.startChronos();
            while (chronos.leading().map(l -> !l.subscribed()).orElse(true)) {
                Thread.sleep(100);
            }
            Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < jobs; i++) {
                ChronosCluster.call(chronos, "POST", "/v1/scheduler/iso8601", "{\"name\":\"bench" + i + "\",\"command\":"
                        + "\"echo $mesos_task_id $(date +%s%3N) >> " + log + "\",\"cpus\":0.01,\"mem\":16,\"disk\":1,"
                        + "\"epsilon\":\"PT30S\",\"concurrent\":true,\"schedule\":\"R" + seconds + "/" + start + "/PT1S\"}");
            }
            Thread.sleep(Duration.between(Instant.now(), start.plusSeconds(seconds + 3)).toMillis());
        }
        List<Long> delays = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ");
            delays.add(Long.parseLong(parts[1]) - TaskId.parse(parts[0]).orElseThrow().due().toEpochMilli());
        }
        Collections.sort(delays);
        System.out.printf("chronos: %d jobs every second for %d s: %d of %d runs started; delay of a run's start after"
                        + " its slot: p50 %d ms, p99 %d ms, max %d ms%n", jobs, seconds, delays.size(), jobs * seconds,
                percentile(delays, 0.5), percentile(delays, 0.99), delays.isEmpty() ? 0 : delays.get(delays.size() - 1));
        System.exit(0);
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
