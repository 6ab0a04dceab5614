package io.plumbery.runtime.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Signals to a task's whole process tree: what the agent's own containers (processes, images) do to stop one. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** SIGTERM to the process tree, SIGKILL to what is left of it after the grace period. */
    static void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers) {
        List<ProcessHandle> tree = new ArrayList<>(supervised.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        supervised.destroy();
        timers.schedule(() -> {
            supervised.descendants().forEach(ProcessHandle::destroyForcibly);
            tree.forEach(ProcessHandle::destroyForcibly);
            supervised.destroyForcibly();
        }, Math.max(0, graceNanos), TimeUnit.NANOSECONDS);
    }

    /** SIGKILL to the whole tree now. */
    static void destroy(ProcessHandle supervised) {
        supervised.descendants().forEach(ProcessHandle::destroyForcibly);
        supervised.destroyForcibly();
    }
}
