package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupTree;
import java.util.List;
import java.util.Map;

/** A consistent copy of the scheduler's state for the read-only API, taken on the core thread. */
public record Snapshot(List<AppDefinition> apps, List<GroupDefinition> groups, List<MarathonTask> tasks, List<Deployment> deployments,
                       Map<String, ArrayNode> healthResults, Map<String, Boolean> ready, List<ObjectNode> queue,
                       Map<String, ObjectNode> lastFailures, String frameworkId, boolean subscribed) {

    /** The root group: the apps and the groups' own definitions. */
    public GroupTree tree() {
        return GroupTree.of(apps, groups);
    }

    public List<MarathonTask> tasksOf(String appId) {
        return tasks.stream().filter(t -> t.appId().equals(appId)).toList();
    }

    public List<Deployment> deploymentsOf(String appId) {
        return deployments.stream().filter(d -> d.affects(appId)).toList();
    }
}
