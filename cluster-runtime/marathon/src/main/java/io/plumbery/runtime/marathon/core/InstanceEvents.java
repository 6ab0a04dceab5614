package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Marathon's {@code instance_changed_event}, sent beside each task's {@code status_update_event}: the instance's
 * condition (Marathon's names for Mesos task states) on its agent. One task per instance here, so the instance id
 * is the task id.
 */
final class InstanceEvents {
    private static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("TASK_STAGING", "Staging"), Map.entry("TASK_STARTING", "Starting"),
            Map.entry("TASK_RUNNING", "Running"), Map.entry("TASK_KILLING", "Killing"),
            Map.entry("TASK_FINISHED", "Finished"), Map.entry("TASK_FAILED", "Failed"),
            Map.entry("TASK_KILLED", "Killed"), Map.entry("TASK_ERROR", "Error"),
            Map.entry("TASK_LOST", "Unreachable"), Map.entry("TASK_UNREACHABLE", "Unreachable"),
            Map.entry("TASK_DROPPED", "Dropped"), Map.entry("TASK_GONE", "Gone"),
            Map.entry("TASK_GONE_BY_OPERATOR", "GoneByOperator"), Map.entry("TASK_UNKNOWN", "Unknown"));

    private InstanceEvents() {
    }

    static String condition(String taskState) {
        return CONDITIONS.getOrDefault(taskState, "Unknown");
    }

    static ObjectNode changed(EventBus events, MarathonTask task, String taskState) {
        return events.event("instance_changed_event").put("instanceId", task.id())
                .put("condition", condition(taskState)).put("runSpecId", task.appId()).put("agentId", task.agentId())
                .put("host", task.host()).put("runSpecVersion", task.version())
                .put("timestamp", Instant.now().toString());
    }
}
