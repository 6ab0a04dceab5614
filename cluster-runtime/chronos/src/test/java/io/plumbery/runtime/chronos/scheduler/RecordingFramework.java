package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The master's side of the scheduler's calls, written down: tasks launched, offers declined, tasks killed. */
final class RecordingFramework implements Framework {
    final List<ObjectNode> launched = new ArrayList<>();
    final List<String> declined = new ArrayList<>();
    final List<String> killed = new ArrayList<>();
    final List<Map<String, String>> reconciled = new ArrayList<>();
    int revives;

    @Override
    public void launch(String offerId, List<ObjectNode> taskInfos) {
        launched.addAll(taskInfos);
    }

    @Override
    public void decline(String offerId) {
        declined.add(offerId);
    }

    @Override
    public void kill(String taskId, String agentId) {
        killed.add(taskId);
    }

    @Override
    public void revive() {
        revives++;
    }

    @Override
    public void acknowledge(JsonNode status) {
    }

    @Override
    public void reconcile(Map<String, String> tasks) {
        reconciled.add(tasks);
    }

    List<String> launchedIds() {
        return launched.stream().map(t -> t.path("task_id").path("value").asText()).toList();
    }
}
