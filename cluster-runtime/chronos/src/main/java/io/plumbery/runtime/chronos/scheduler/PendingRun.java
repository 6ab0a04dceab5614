package io.plumbery.runtime.chronos.scheduler;

import io.plumbery.runtime.chronos.job.TaskId;
import java.time.Instant;

/**
 * A run waiting for an offer: its task id (job, slot, attempt), when it may start (a retry waits) and the last moment
 * it may still start (its slot plus the job's epsilon), after which it is skipped.
 */
public record PendingRun(TaskId taskId, Instant notBefore, Instant deadline) {

    public String jobName() {
        return taskId.jobName();
    }

    public boolean ready(Instant now) {
        return !now.isBefore(notBefore);
    }

    public boolean expired(Instant now) {
        return now.isAfter(deadline);
    }
}
