package io.plumbery.runtime.state;

import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.Task;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/** The master's view of one task. Mutated only under the master's lock. */
public final class TaskRecord {
    private final TaskInfo info;
    private final String frameworkId;
    private final String agentId;
    private final Resources resources;
    private final List<TaskStatus> statuses = new ArrayList<>();
    private TaskState state = TaskState.TASK_STAGING;
    private TaskStatus latest;

    public TaskRecord(TaskInfo info, String frameworkId, String agentId) {
        this.info = info;
        this.frameworkId = frameworkId;
        this.agentId = agentId;
        this.resources = Resources.fromProto(info.resources());
    }

    public String id() {
        return info.taskId().value();
    }

    public TaskInfo info() {
        return info;
    }

    public String frameworkId() {
        return frameworkId;
    }

    public String agentId() {
        return agentId;
    }

    public Resources resources() {
        return resources;
    }

    /** The role its resources were allocated to, as the framework's ACCEPT says ({@code allocation_info}); or null. */
    public String allocationRole() {
        return info.resources() == null ? null : info.resources().stream()
                .filter(r -> r.allocationInfo() != null && r.allocationInfo().role() != null)
                .map(r -> r.allocationInfo().role()).findFirst().orElse(null);
    }

    public TaskState state() {
        return state;
    }

    public List<TaskStatus> statuses() {
        return statuses;
    }

    public void update(TaskStatus status) {
        state = status.state();
        latest = status;
        statuses.add(status);
        if (statuses.size() > 20) {
            statuses.remove(0);
        }
    }

    /** The latest status, or a synthetic STAGING status for a task not yet reported by its agent. */
    public TaskStatus latestStatus() {
        if (latest != null) {
            return latest;
        }
        return TaskStatus.of(info.taskId(), state, Id.of(agentId), TaskStatus.SOURCE_MASTER, null, null, false);
    }

    public Task toV1() {
        return new Task(info.name(), info.taskId(), Id.of(frameworkId), null, Id.of(agentId), state,
                info.resources(), List.copyOf(statuses), latest == null ? null : latest.state(),
                latest == null ? null : latest.uuid(), info.labels(), info.discovery(), info.container(),
                info.healthCheck(), info.killPolicy(), null);
    }
}
