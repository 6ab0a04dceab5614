package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** mesos.v1.TaskState. */
public enum TaskState {
    TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR,
    TASK_LOST, TASK_DROPPED, TASK_UNREACHABLE, TASK_GONE, TASK_GONE_BY_OPERATOR, @JsonEnumDefaultValue TASK_UNKNOWN;

    public boolean isTerminal() {
        return switch (this) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
                    TASK_GONE_BY_OPERATOR -> true;
            default -> false;
        };
    }
}
