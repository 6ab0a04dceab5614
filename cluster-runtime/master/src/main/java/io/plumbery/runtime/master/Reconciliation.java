package io.plumbery.runtime.master;

import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.RegistryState;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.TaskRecord;
import java.util.Optional;

/**
 * Explicit reconciliation of one task, as Mesos's {@code Master::reconcile} answers it: a known task's latest state;
 * for an unknown task, by what its agent is: registered (TASK_GONE), unreachable (TASK_UNREACHABLE, with the time it
 * was marked), gone (TASK_GONE_BY_OPERATOR) or unknown (TASK_UNKNOWN), TASK_LOST for frameworks that are not
 * partition-aware. An agent recovered from the registry that has not re-registered yet gets no answer (for a task
 * named without its agent: while any agent is recovering): Mesos drops those, the framework asking again until the
 * agent is back or marked unreachable; here they are held and answered then, which is what the framework's next ask
 * would get. So a failover never makes a healthy task look lost. Callers hold the state's lock.
 */
final class Reconciliation {
    private final MasterCore core;

    Reconciliation(MasterCore core) {
        this.core = core;
    }

    /** Answers now, or holds the question until the task's agent is settled. */
    void reconcile(FrameworkRecord fw, String taskId, String agentId) {
        Optional<TaskStatus> answer = answer(fw, taskId, agentId);
        if (answer.isPresent()) {
            fw.send(Event.update(answer.get()));
        } else {
            core.state.registry.hold(new RegistryState.Held(fw.id(), taskId, agentId));
        }
    }

    /** Answers the reconciliations held for this agent, now back or unreachable. */
    void release(String agentId) {
        for (RegistryState.Held held : core.state.registry.release(agentId)) {
            FrameworkRecord fw = core.state.frameworks.get(held.frameworkId());
            if (fw != null) {
                reconcile(fw, held.taskId(), held.agentId());
            }
        }
    }

    private Optional<TaskStatus> answer(FrameworkRecord fw, String taskId, String agentId) {
        TaskRecord task = fw.tasks().get(taskId);
        if (task == null) {
            task = core.state.findCompleted(fw.id(), taskId);
        }
        if (task != null) {
            return Optional.of(task.latestStatus().forReconciliation());
        }
        RegistryState registry = core.state.registry;
        if (agentId == null ? registry.anyRecovering() : registry.isRecovering(agentId)) {
            return Optional.empty();
        }
        boolean aware = fw.partitionAware();
        if (agentId != null && core.state.agents.containsKey(agentId)) {
            return Optional.of(status(taskId, aware ? TaskState.TASK_GONE : TaskState.TASK_LOST, agentId,
                    "Reconciliation: Task is unknown to the agent", null));
        }
        Optional<TaskStatus.TimeInfo> unreachable = agentId == null ? Optional.empty()
                : registry.unreachableSince(agentId);
        if (unreachable.isPresent()) {
            return Optional.of(status(taskId, aware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST, agentId,
                    "Reconciliation: Task is unreachable", unreachable.get()));
        }
        if (agentId != null && registry.isGone(agentId)) {
            return Optional.of(status(taskId, aware ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST, agentId,
                    "Reconciliation: Task is gone", null));
        }
        return Optional.of(status(taskId, aware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST, agentId,
                "Reconciliation: Task is unknown", null));
    }

    private static TaskStatus status(String taskId, TaskState state, String agentId, String message,
                                     TaskStatus.TimeInfo unreachableTime) {
        return new TaskStatus(Id.of(taskId), state, message, TaskStatus.SOURCE_MASTER, "REASON_RECONCILIATION", null,
                agentId == null ? null : Id.of(agentId), null, System.currentTimeMillis() / 1000.0, null, null, null,
                null, unreachableTime);
    }
}
