package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.CommandInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A task as a process tree on the agent: {@code sh -c} or exec of the command, signals to the whole tree; run as the
 * user {@code runAs} says (the agent's own, another, or none: then it does not start).
 */
record ProcessContainer(CommandInfo command, TaskUsers.RunAs runAs) implements TaskContainer {

    ProcessContainer(CommandInfo command) {
        this(command, TaskUsers.RunAs.AGENT);
    }

    /** The sandbox becomes the task user's; a task that may not run here stops now, with the reason. */
    @Override
    public void prepare(Path sandbox) throws IOException, LaunchRefused {
        if (runAs.refusal() != null) {
            throw new LaunchRefused(runAs.refusal());
        }
        if (runAs.user() != null) {
            runAs.user().own(sandbox);
        }
    }

    /**
     * The exit status is recorded inside the switch, by the task's user, in its own sandbox: never by root in a
     * directory the task could have filled with links.
     */
    @Override
    public ProcessBuilder process(Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(asUser(TaskContainer.recordingExit(argv(command))));
        pb.environment().putAll(environment);
        runAs.switched().ifPresent(user -> pb.environment().putAll(user.environment()));
        return pb;
    }

    private List<String> asUser(List<String> argv) {
        return runAs.switched().map(user -> user.wrap(argv)).orElse(argv);
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

    @Override
    public void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers) {
        ProcessTree.stop(supervised, graceNanos, timers);
    }

    @Override
    public void destroy(ProcessHandle supervised) {
        ProcessTree.destroy(supervised);
    }

    @Override
    public List<String> shell(String command) {
        return asUser(List.of("/bin/sh", "-c", command));
    }
}
