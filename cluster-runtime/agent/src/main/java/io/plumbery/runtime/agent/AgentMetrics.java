package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The agent's metrics under Mesos's names ({@code slave/...}, {@code system/...}), counted from its own tasks and
 * resources and read from the host, at each request. Task counters of ended states count since the agent started.
 */
final class AgentMetrics {
    private static final Map<String, TaskState> LIVE = Map.of("staging", TaskState.TASK_STAGING,
            "starting", TaskState.TASK_STARTING, "running", TaskState.TASK_RUNNING, "killing", TaskState.TASK_KILLING);
    private static final Map<String, TaskState> ENDED = Map.of("finished", TaskState.TASK_FINISHED,
            "failed", TaskState.TASK_FAILED, "killed", TaskState.TASK_KILLED, "lost", TaskState.TASK_LOST,
            "gone", TaskState.TASK_GONE);

    private final AgentTasks tasks;
    private final Resources total;
    private final BooleanSupplier registered;
    private final long startMillis = System.currentTimeMillis();

    AgentMetrics(AgentTasks tasks, Resources total, BooleanSupplier registered) {
        this.tasks = tasks;
        this.total = total;
        this.registered = registered;
    }

    /** Metric name to value, sorted by name. */
    Map<String, Double> snapshot() {
        Map<String, Double> m = new TreeMap<>();
        m.put("slave/uptime_secs", (System.currentTimeMillis() - startMillis) / 1000.0);
        m.put("slave/registered", registered.getAsBoolean() ? 1.0 : 0.0);
        Resources used = Resources.EMPTY;
        Set<String> activeFrameworks = new HashSet<>();
        Map<TaskState, Integer> live = new TreeMap<>();
        for (CommandTask t : tasks.live()) {
            used = used.plus(Resources.fromProto(t.task().resources()));
            activeFrameworks.add(t.frameworkId());
            live.merge(t.state(), 1, Integer::sum);
        }
        LIVE.forEach((name, state) -> m.put("slave/tasks_" + name, (double) live.getOrDefault(state, 0)));
        ENDED.forEach((name, state) -> m.put("slave/tasks_" + name, (double) tasks.endedIn(state)));
        m.put("slave/frameworks_active", (double) activeFrameworks.size());
        m.put("slave/executors_registering", 0.0);
        m.put("slave/executors_running", (double) tasks.live().size());
        m.put("slave/executors_terminating", 0.0);
        m.put("slave/executors_terminated", (double) tasks.completed().size());
        for (String r : new String[] {"cpus", "mem", "disk", "gpus"}) {
            double t = total.scalar(r);
            double u = used.scalar(r);
            m.put("slave/" + r + "_total", t);
            m.put("slave/" + r + "_used", u);
            m.put("slave/" + r + "_percent", t == 0 ? 0.0 : u / t);
        }
        system(m);
        return m;
    }

    private static void system(Map<String, Double> m) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("system/cpus_total", (double) Runtime.getRuntime().availableProcessors());
        m.put("system/mem_total_bytes", (double) os.getTotalMemorySize());
        m.put("system/mem_free_bytes", (double) os.getFreeMemorySize());
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            m.put("system/load_1min", Double.parseDouble(load[0]));
            m.put("system/load_5min", Double.parseDouble(load[1]));
            m.put("system/load_15min", Double.parseDouble(load[2]));
        } catch (IOException | RuntimeException noLoadAverage) {
            // not Linux: Mesos leaves these out too where it cannot read them
        }
    }
}
