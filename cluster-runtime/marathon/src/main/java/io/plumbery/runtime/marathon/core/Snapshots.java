package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Takes the read-only API's consistent copy of the scheduler's state ({@link Snapshot}). Core thread only. */
final class Snapshots {
    private final SchedulerState state;
    private final DeploymentRunner runner;
    private final HealthMonitor health;
    private final FrameworkStatus framework;

    Snapshots(SchedulerState state, DeploymentRunner runner, HealthMonitor health, FrameworkStatus framework) {
        this.state = state;
        this.runner = runner;
        this.health = health;
        this.framework = framework;
    }

    Snapshot take() {
        Map<String, ArrayNode> healthResults = new HashMap<>();
        Map<String, Boolean> ready = new HashMap<>();
        for (MarathonTask t : state.tasks()) {
            ready.put(t.id(), health.ready(t));
            HealthState[] states = health.states(t.id());
            if (states != null) {
                healthResults.put(t.id(), Views.healthResults(t, states));
            }
        }
        List<ObjectNode> queue = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (AppDefinition app : state.apps()) {
            int need = state.launchesNeeded(app.pathId());
            if (need > 0) {
                queue.add(Views.queueItem(app, need, state.delay(app.pathId()), now, state.queueStats(app.pathId())));
            }
        }
        Map<String, ObjectNode> lastFailures = Map.copyOf(state.lastFailures().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
        return new Snapshot(List.copyOf(runner.view().values()), List.copyOf(state.groups()), List.copyOf(state.tasks()),
                List.copyOf(state.deployments()), healthResults, ready, queue, lastFailures, framework.frameworkId(),
                framework.isSubscribed());
    }
}
