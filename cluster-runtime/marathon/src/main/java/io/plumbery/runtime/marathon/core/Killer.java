package io.plumbery.runtime.marathon.core;

/** What the health checks, the API and the planning loop need to end a task: ask for its kill. */
interface Killer {
    /** Kills the task unless it is gone or already being killed; {@code why} is logged. */
    void kill(MarathonTask task, String why);

    /**
     * Kills the task and forgets it at once, without waiting for its end (Marathon's {@code wipe}): its app counts
     * it no more, so a replacement is planned now.
     */
    void wipe(MarathonTask task);
}
