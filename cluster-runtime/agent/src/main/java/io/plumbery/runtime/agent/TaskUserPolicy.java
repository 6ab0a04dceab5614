package io.plumbery.runtime.agent;

/**
 * The agent's flags on task users: {@code --switch_user} (Mesos's, default true: tasks run as the user their
 * command or framework names) and {@code --allow_root_tasks} (default true as in Mesos; false refuses tasks that would
 * run as root).
 */
public record TaskUserPolicy(boolean switchUser, boolean allowRootTasks) {
    /** Mesos's behaviour: switch, and let a framework run its tasks as root. */
    public static final TaskUserPolicy MESOS = new TaskUserPolicy(true, true);
}
