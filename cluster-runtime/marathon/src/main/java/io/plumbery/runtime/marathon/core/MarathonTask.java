package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * A task Marathon launched: where it runs, with which ports and app version, and its latest Mesos state.
 * Immutable; the scheduler replaces it on each change. {@code killRequested} marks tasks Marathon is killing.
 */
public record MarathonTask(String id, String appId, String version, String configVersion, String agentId, String host,
                           Map<String, String> attributes, List<Integer> ports, String state, String stagedAt,
                           String startedAt, long stagedAtMillis, long startedAtMillis, boolean killRequested) {

    public static final String STAGING = "TASK_STAGING";
    public static final String RUNNING = "TASK_RUNNING";

    public MarathonTask withState(String newState, long now, String nowIso) {
        boolean firstRun = RUNNING.equals(newState) && startedAt == null;
        return new MarathonTask(id, appId, version, configVersion, agentId, host, attributes, ports, newState, stagedAt,
                firstRun ? nowIso : startedAt, stagedAtMillis, firstRun ? now : startedAtMillis, killRequested);
    }

    public MarathonTask killing() {
        return new MarathonTask(id, appId, version, configVersion, agentId, host, attributes, ports, state, stagedAt,
                startedAt, stagedAtMillis, startedAtMillis, true);
    }

    @JsonIgnore
    public boolean isRunning() {
        return RUNNING.equals(state);
    }

    public static boolean isTerminal(String state) {
        return switch (state) {
            case "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE",
                    "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN" -> true;
            default -> false;
        };
    }
}
