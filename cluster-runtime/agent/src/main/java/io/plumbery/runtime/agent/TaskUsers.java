package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Who a command task runs as, as Mesos's agent decides it: with {@code --switch_user} (Mesos's default) the
 * task's {@code CommandInfo.user}, else its framework's {@code FrameworkInfo.user}; without it, or when neither names
 * anyone, the agent's own user. {@code --allow_root_tasks=false} (not a Mesos flag: the deploy's secure default)
 * refuses a task that would run as root.
 */
final class TaskUsers {
    private final TaskUserPolicy policy;

    TaskUsers(TaskUserPolicy policy) {
        this.policy = policy;
    }

    /** How the task runs: as another user, as the agent's own, or not at all (the refusal's message). */
    RunAs runAs(FrameworkInfo framework, TaskInfo task) {
        String name = policy.switchUser() ? named(framework, task) : null;
        try {
            if (name == null) {
                refuseRoot(agentUid(), "the agent's user");
                return RunAs.AGENT;
            }
            TaskUser user = lookup(name);
            refuseRoot(user.uid(), "user '" + name + "'");
            return user.uid() == agentUid() ? RunAs.AGENT : new RunAs(user, null);
        } catch (LaunchRefused e) {
            return new RunAs(null, e.getMessage());
        }
    }

    private static String named(FrameworkInfo framework, TaskInfo task) {
        String user = task.command() == null ? null : task.command().user();
        if (user == null || user.isEmpty()) {
            user = framework == null ? null : framework.user();
        }
        return user == null || user.isEmpty() ? null : user;
    }

    private void refuseRoot(int uid, String who) throws LaunchRefused {
        if (uid == 0 && !policy.allowRootTasks()) {
            throw new LaunchRefused("Tasks may not run as root on this agent (" + who
                    + " is root; --allow_root_tasks=false)");
        }
    }

    /** The passwd entry of {@code name}, as getent answers (files, LDAP, ...); Mesos's launcher's words when none. */
    static TaskUser lookup(String name) throws LaunchRefused {
        String notFound = "Failed to get the uid of user '" + name + "': not found";
        if (name.startsWith("-") || name.contains(":") || name.contains("\n")) {
            throw new LaunchRefused(notFound);
        }
        try {
            Process getent = new ProcessBuilder(List.of("getent", "passwd", name)).redirectErrorStream(true).start();
            String out = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!getent.waitFor(10, TimeUnit.SECONDS) || getent.exitValue() != 0 || out.isEmpty()) {
                throw new LaunchRefused(notFound);
            }
            String[] f = out.lines().findFirst().orElseThrow().split(":", -1);
            return new TaskUser(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f.length > 5 ? f[5] : "/");
        } catch (IOException | RuntimeException e) {
            throw new LaunchRefused("Failed to get the uid of user '" + name + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchRefused(notFound);
        }
    }

    /** The uid this agent runs as: the owner of its own /proc entry. */
    static int agentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /**
     * A task's account: {@code user} when it switches to another, null for the agent's own; {@code refusal} when the
     * task may not run at all.
     */
    record RunAs(TaskUser user, String refusal) {
        static final RunAs AGENT = new RunAs(null, null);

        Optional<TaskUser> switched() {
            return Optional.ofNullable(user);
        }
    }
}
