package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos's {@code ResourceStatistics} of one task: cpu times, resident memory, processes and threads of its process
 * tree, summed from /proc, and the limits its resources set (which command tasks share the host with: this agent
 * has no cgroup isolation for them). /proc counts cpu time in USER_HZ ticks, 100 a second on Linux.
 */
record ResourceStatistics(double timestamp, int processes, int threads, double cpusUserTimeSecs,
                          double cpusSystemTimeSecs, double cpusLimit, long memRssBytes, long memLimitBytes) {
    private static final double TICKS_PER_SECOND = 100.0;

    static ResourceStatistics of(ProcessHandle root, Resources allocated) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        int processes = 0;
        int threads = 0;
        long userTicks = 0;
        long systemTicks = 0;
        long rssKb = 0;
        for (ProcessHandle p : tree) {
            Path proc = Path.of("/proc", String.valueOf(p.pid()));
            try {
                String stat = Files.readString(proc.resolve("stat"));
                // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long user = Long.parseLong(fields[11]);
                long system = Long.parseLong(fields[12]);
                long[] status = threadsAndRss(Files.readAllLines(proc.resolve("status")));
                userTicks += user;
                systemTicks += system;
                threads += (int) status[0];
                rssKb += status[1];
                processes++;
            } catch (IOException | RuntimeException gone) {
                // the process ended while the tree was read
            }
        }
        return new ResourceStatistics(System.currentTimeMillis() / 1000.0, processes, threads,
                userTicks / TICKS_PER_SECOND, systemTicks / TICKS_PER_SECOND, allocated.scalar("cpus"),
                rssKb * 1024, (long) (allocated.scalar("mem") * 1024 * 1024));
    }

    private static long[] threadsAndRss(List<String> status) {
        long[] out = new long[2];
        for (String line : status) {
            if (line.startsWith("Threads:")) {
                out[0] = Long.parseLong(line.substring(8).strip());
            } else if (line.startsWith("VmRSS:")) {
                out[1] = Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        return out;
    }

    ObjectNode json() {
        return Json.object().put("timestamp", timestamp).put("processes", processes).put("threads", threads)
                .put("cpus_user_time_secs", cpusUserTimeSecs).put("cpus_system_time_secs", cpusSystemTimeSecs)
                .put("cpus_limit", cpusLimit).put("mem_rss_bytes", memRssBytes).put("mem_limit_bytes", memLimitBytes);
    }
}
