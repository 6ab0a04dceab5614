package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.CommandInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One task's life on the agent: launch in its {@link TaskContainer} with stdout/stderr files in the sandbox and
 * Mesos's environment, states and health reported as they change, kill with a grace period. The container's
 * process records its exit status in the sandbox so that a restarted agent can still report how a task ended.
 */
final class CommandTask {
    static final String EXIT_FILE = ".exit_status";
    /** The symlink next to an executor's runs that points at its latest, as Mesos makes it. */
    static final String LATEST_RUN = "latest";

    private final TaskInfo task;
    private final String frameworkId;
    private final String agentId;
    private final Path sandbox;
    private final TaskContainer container;
    private final Consumer<TaskStatus> onStatus;
    private final ScheduledExecutorService timers;
    private volatile ProcessHandle process;
    private volatile TaskState state = TaskState.TASK_STAGING;
    private volatile boolean killRequested;
    private volatile boolean killingState;
    private volatile HealthChecker health;
    private volatile boolean unhealthyKill;
    private volatile Boolean lastHealthy;

    CommandTask(TaskInfo task, String frameworkId, String agentId, Path sandbox, TaskContainer container,
                Consumer<TaskStatus> onStatus, ScheduledExecutorService timers) {
        this.task = task;
        this.container = container;
        this.frameworkId = frameworkId;
        this.agentId = agentId;
        this.sandbox = sandbox;
        this.onStatus = onStatus;
        this.timers = timers;
    }

    /** Frameworks with the TASK_KILLING_STATE capability see TASK_KILLING during the grace period. */
    void reportKillingState(boolean on) {
        killingState = on;
    }

    TaskInfo task() {
        return task;
    }

    String frameworkId() {
        return frameworkId;
    }

    Path sandbox() {
        return sandbox;
    }

    /** The command executor Mesos would run for this task has the task's id. */
    String executorId() {
        return task.taskId().value();
    }

    /** Mesos's name for a command executor: the task, and the start of its command. */
    String executorName() {
        CommandInfo command = task.command();
        String shown;
        if (command == null || command.value() == null) {
            shown = command != null && !command.isShell() ? "NO EXECUTABLE)" : "NO COMMAND)";
        } else if (command.isShell()) {
            shown = "sh -c '" + abbreviated(command.value(), "')");
        } else {
            List<String> args = command.arguments() == null ? List.of() : command.arguments();
            shown = "[" + abbreviated(command.value() + ", " + String.join(", ", args), "])");
        }
        return "Command Executor (Task: " + task.taskId().value() + ") (Command: " + shown;
    }

    private static String abbreviated(String text, String end) {
        return (text.length() > 15 ? text.substring(0, 12) + "..." : text) + end;
    }

    /** The run's id, the name of its sandbox directory, as Mesos names a run after its container. */
    String containerId() {
        return sandbox.getFileName().toString();
    }

    /** What the task uses now, read from /proc; empty when it runs no process (not started, or ended). */
    Optional<ResourceStatistics> usage() {
        ProcessHandle p = process;
        if (p == null || !p.isAlive() || state.isTerminal()) {
            return Optional.empty();
        }
        return container.usageRoot(p).map(root -> ResourceStatistics.of(root, Resources.fromProto(task.resources())));
    }

    TaskState state() {
        return state;
    }

    long pid() {
        ProcessHandle p = process;
        return p == null ? -1 : p.pid();
    }

    void launch(String hostname, Fetcher fetcher) {
        report(TaskState.TASK_STARTING, null, null);
        try {
            Files.createDirectories(sandbox);
            linkLatestRun();
            fetcher.fetchAll(task.command() == null ? null : task.command().uris(), sandbox);
            Files.createFile(sandbox.resolve("stdout"));
            Files.createFile(sandbox.resolve("stderr"));
            container.prepare(sandbox);
            Map<String, String> env = environment(hostname);
            ProcessBuilder pb = container.process(env)
                    .directory(sandbox.toFile())
                    .redirectOutput(sandbox.resolve("stdout").toFile())
                    .redirectError(sandbox.resolve("stderr").toFile());
            Process started = pb.start();
            process = started.toHandle();
            report(TaskState.TASK_RUNNING, null, null);
            startHealthChecks(env);
            started.onExit().thenAccept(p -> exited(p.exitValue()));
        } catch (LaunchRefused e) {
            refused(e.getMessage());
        } catch (IOException | RuntimeException e) {
            report(TaskState.TASK_FAILED, "REASON_CONTAINER_LAUNCH_FAILED", "Failed to launch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report(TaskState.TASK_FAILED, "REASON_CONTAINER_LAUNCH_FAILED", "Interrupted while fetching");
        }
    }

    /** In the sandbox's stderr too, where Mesos's launcher writes why it could not start the task. */
    private void refused(String message) {
        try {
            Files.writeString(sandbox.resolve("stderr"), message + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the status update below says it all the same
        }
        report(TaskState.TASK_FAILED, "REASON_CONTAINER_LAUNCH_FAILED", message);
    }

    private void linkLatestRun() throws IOException {
        Path latest = sandbox.resolveSibling(LATEST_RUN);
        Files.deleteIfExists(latest);
        Files.createSymbolicLink(latest, sandbox.getFileName());
    }

    private void startHealthChecks(Map<String, String> env) {
        if (task.healthCheck() == null || task.healthCheck().isNull()) {
            return;
        }
        health = new HealthChecker(task.healthCheck(), sandbox, env, container::shell, new HealthChecker.Listener() {
            @Override
            public void healthChanged(boolean healthy) {
                reportHealth(healthy);
            }

            @Override
            public void unhealthy(int failures) {
                unhealthyKill = true;
                kill(task.killPolicy() == null || task.killPolicy().gracePeriod() == null ? 3_000_000_000L
                        : task.killPolicy().gracePeriod().nanoseconds());
            }
        });
        health.start(timers);
    }

    private synchronized void reportHealth(boolean healthy) {
        if (state.isTerminal() || killRequested) {
            return;
        }
        this.lastHealthy = healthy;
        onStatus.accept(new TaskStatus(task.taskId(), state, healthy ? "Task is healthy" : "Task is unhealthy",
                TaskStatus.SOURCE_EXECUTOR, "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", null, Id.of(agentId),
                task.taskId(), System.currentTimeMillis() / 1000.0, TaskStatus.newUuid(), healthy, null, null, null));
    }

    /** Re-attaches to a task process that outlived a previous agent run. */
    void reattach(ProcessHandle handle, String hostname) {
        process = handle;
        state = TaskState.TASK_RUNNING;
        handle.onExit().thenAccept(p -> exited(readExitStatus()));
        startHealthChecks(environment(hostname));
    }

    /** A checkpointed task whose process ended while no agent was running. */
    void recoverEnded() {
        state = TaskState.TASK_RUNNING;
        exited(readExitStatus());
    }

    /** SIGKILL to the whole tree now (agent shutdown with task cleanup). */
    void destroyNow() {
        ProcessHandle p = process;
        killRequested = true;
        if (p != null) {
            container.destroy(p);
        }
    }

    private int readExitStatus() {
        try {
            return Integer.parseInt(Files.readString(sandbox.resolve(EXIT_FILE), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    Map<String, String> environment(String hostname) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("MESOS_TASK_ID", task.taskId().value());
        env.put("MESOS_FRAMEWORK_ID", frameworkId);
        env.put("MESOS_AGENT_ID", agentId);
        env.put("MESOS_SLAVE_ID", agentId);
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("HOST", hostname);
        List<Long> ports = Resources.fromProto(task.resources()).ranges("ports").values(1000);
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, String.valueOf(ports.get(i)));
        }
        if (!ports.isEmpty()) {
            env.put("PORT", String.valueOf(ports.get(0)));
            env.put("PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        CommandInfo.Environment user = task.command() == null ? null : task.command().environment();
        if (user != null && user.variables() != null) {
            for (CommandInfo.Variable v : user.variables()) {
                if (v.value() != null && (v.type() == null || "VALUE".equals(v.type()))) {
                    env.put(v.name(), v.value());
                }
            }
        }
        return env;
    }

    /** Stops the task; forcibly once the grace period is over. */
    void kill(long graceNanos) {
        ProcessHandle p = process;
        if (state.isTerminal()) {
            return;
        }
        killRequested = true;
        if (p == null) {
            report(TaskState.TASK_KILLED, "REASON_TASK_KILLED_DURING_LAUNCH", "Killed before it ran");
            return;
        }
        if (killingState && state != TaskState.TASK_KILLING) {
            report(TaskState.TASK_KILLING, null, "Killing the task");
        }
        container.stop(p, graceNanos, timers);
    }

    private void exited(int status) {
        if (health != null) {
            health.stop();
        }
        container.cleanup();
        if (unhealthyKill) {
            report(TaskState.TASK_KILLED, "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED",
                    "Task was killed because it failed its health checks");
        } else if (killRequested) {
            report(TaskState.TASK_KILLED, null, "Command terminated by a kill request");
        } else if (container.launchFailure(status).isPresent()) {
            report(TaskState.TASK_FAILED, "REASON_CONTAINER_LAUNCH_FAILED", container.launchFailure(status).get());
        } else if (status == 0) {
            report(TaskState.TASK_FINISHED, null, "Command exited with status 0");
        } else {
            report(TaskState.TASK_FAILED, "REASON_COMMAND_EXECUTOR_FAILED",
                    status < 0 ? "Command exit status unknown" : "Command exited with status " + status);
        }
    }

    private synchronized void report(TaskState next, String reason, String message) {
        if (state.isTerminal()) {
            return;
        }
        state = next;
        TaskStatus status = TaskStatus.of(task.taskId(), next, Id.of(agentId), TaskStatus.SOURCE_EXECUTOR, reason,
                message, true).withExecutorId(task.taskId()).withHealthy(unhealthyKill ? Boolean.FALSE : lastHealthy);
        onStatus.accept(status);
    }
}
