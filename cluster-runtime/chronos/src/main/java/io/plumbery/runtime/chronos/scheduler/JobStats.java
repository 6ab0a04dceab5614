package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent runs of each job and their run times, for {@code /v1/scheduler/job/stat/NAME} in Chronos's shape: a
 * {@code histogram} of run times in milliseconds and the {@code taskStatHistory} of the latest runs. Kept by the
 * leader in memory, as Chronos keeps them without Cassandra; the counts that survive a failover are the job's own.
 */
public final class JobStats {
    static final int HISTORY = 10;
    private static final int SAMPLES = 1028;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    private record Run(String taskId, String agentId, Instant start, Instant end, String status) {
    }

    private final Map<String, Deque<Run>> history = new HashMap<>();
    private final Map<String, Deque<Long>> runTimes = new HashMap<>();

    void started(String job, String taskId, String agentId, Instant at) {
        Deque<Run> runs = history.computeIfAbsent(job, j -> new ArrayDeque<>());
        if (runs.stream().noneMatch(r -> r.taskId().equals(taskId))) {
            runs.addFirst(new Run(taskId, agentId, at, null, "Running"));
            while (runs.size() > HISTORY) {
                runs.removeLast();
            }
        }
    }

    void ended(String job, String taskId, Instant at, boolean success) {
        Deque<Run> runs = history.computeIfAbsent(job, j -> new ArrayDeque<>());
        Run run = runs.stream().filter(r -> r.taskId().equals(taskId)).findFirst().orElse(null);
        Instant start = run == null ? at : run.start();
        runs.remove(run);
        runs.addFirst(new Run(taskId, run == null ? "" : run.agentId(), start, at, success ? "Success" : "Fail"));
        if (success) {
            Deque<Long> times = runTimes.computeIfAbsent(job, j -> new ArrayDeque<>());
            times.addLast(Duration.between(start, at).toMillis());
            if (times.size() > SAMPLES) {
                times.removeFirst();
            }
        }
    }

    void forget(String job) {
        history.remove(job);
        runTimes.remove(job);
    }

    public ObjectNode view(Job job) {
        ObjectNode out = Json.object();
        out.set("histogram", histogram(new ArrayList<>(runTimes.getOrDefault(job.name(), new ArrayDeque<>()))));
        ArrayNode list = out.putArray("taskStatHistory");
        for (Run r : history.getOrDefault(job.name(), new ArrayDeque<>())) {
            ObjectNode o = list.addObject().put("taskId", r.taskId()).put("jobName", job.name())
                    .put("slaveId", r.agentId()).put("startTime", TIME.format(r.start()))
                    .put("endTime", r.end() == null ? "N/A" : TIME.format(r.end()));
            if (r.end() != null) {
                o.put("duration", duration(Duration.between(r.start(), r.end())));
            }
            o.put("status", r.status());
        }
        out.put("successCount", job.successCount()).put("errorCount", job.errorCount())
                .put("lastSuccess", job.lastSuccess()).put("lastError", job.lastError())
                .put("skipCount", job.skipCount());
        return out;
    }

    private static ObjectNode histogram(List<Long> samples) {
        Collections.sort(samples);
        double mean = samples.stream().mapToLong(Long::longValue).average().orElse(0);
        return Json.object().put("75thPercentile", percentile(samples, 0.75))
                .put("95thPercentile", percentile(samples, 0.95)).put("98thPercentile", percentile(samples, 0.98))
                .put("99thPercentile", percentile(samples, 0.99)).put("median", percentile(samples, 0.5))
                .put("mean", mean).put("count", samples.size());
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Chronos's form: days, hours and minutes when not zero, seconds always ({@code 1m5s}, {@code 2s}). */
    static String duration(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toDays() > 0) {
            out.append(d.toDays()).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        return out.append(d.toSecondsPart()).append('s').toString();
    }
}
