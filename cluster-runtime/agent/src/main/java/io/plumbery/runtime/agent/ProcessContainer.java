package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.CommandInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task as a process tree on the agent: {@code sh -c} or exec of the command, signals to the whole tree. */
record ProcessContainer(CommandInfo command) implements TaskContainer {

    @Override
    public ProcessBuilder process(Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(TaskContainer.recordingExit(argv(command)));
        pb.environment().putAll(environment);
        return pb;
    }

    static List<String> argv(CommandInfo command) {
        if (command == null || command.value() == null) {
            throw new IllegalArgumentException("Task has no command value");
        }
        if (command.isShell()) {
            return List.of("/bin/sh", "-c", command.value());
        }
        List<String> argv = new ArrayList<>(List.of(command.value()));
        List<String> args = command.arguments() == null ? List.of() : command.arguments();
        argv.addAll(args.size() > 1 ? args.subList(1, args.size()) : List.of()); // arguments[0] is argv[0]
        return argv;
    }

    /** SIGTERM to the process tree, SIGKILL to what is left of it after the grace period. */
    @Override
    public void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers) {
        List<ProcessHandle> tree = new ArrayList<>(supervised.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        supervised.destroy();
        timers.schedule(() -> {
            supervised.descendants().forEach(ProcessHandle::destroyForcibly);
            tree.forEach(ProcessHandle::destroyForcibly);
            supervised.destroyForcibly();
        }, Math.max(0, graceNanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void destroy(ProcessHandle supervised) {
        supervised.descendants().forEach(ProcessHandle::destroyForcibly);
        supervised.destroyForcibly();
    }

    @Override
    public List<String> shell(String command) {
        return List.of("/bin/sh", "-c", command);
    }
}
