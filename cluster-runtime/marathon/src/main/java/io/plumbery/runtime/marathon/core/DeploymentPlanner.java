package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The steps of a multi-app deployment, as Marathon's {@code DeploymentPlan.apply}: first one step stopping the
 * apps that go, then one step starting the new apps with no instances, then one step per dependency layer that
 * scales or restarts the apps of that layer (an app's layer is the length of the longest dependency chain from it,
 * so everything it depends on is in an earlier step and apps of a layer do not depend on each other).
 * A rollback runs the layers the other way round (dependents first), its stops included: what was deployed last
 * is undone first.
 */
public final class DeploymentPlanner {
    private DeploymentPlanner() {
    }

    /**
     * @param originals the changed apps before (absent: created); unchanged apps are in neither map
     * @param targets the changed apps after (absent: deleted)
     * @param graph every app the dependency graph is made of (the target root group, as Marathon's)
     * @param rollback undo order: dependents first, stops included in the layers
     */
    public static List<Deployment.Step> steps(Map<String, AppDefinition> originals, Map<String, AppDefinition> targets,
                                              Collection<AppDefinition> graph, boolean rollback) {
        return steps(originals, targets, graph, List.of(), rollback);
    }

    /** The same, the groups' own dependencies ({@code groups}) ordering the apps in them too. */
    public static List<Deployment.Step> steps(Map<String, AppDefinition> originals, Map<String, AppDefinition> targets,
                                              Collection<AppDefinition> graph, Collection<GroupDefinition> groups,
                                              boolean rollback) {
        Dependencies deps = new Dependencies(graph, groups);
        TreeSet<String> ids = new TreeSet<>(originals.keySet());
        ids.addAll(targets.keySet());
        List<Deployment.Action> stops = new ArrayList<>();
        List<Deployment.Action> starts = new ArrayList<>();
        Comparator<Integer> order = rollback ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Map<Integer, List<Deployment.Action>> layers = new TreeMap<>(order);
        for (String id : ids) {
            AppDefinition before = originals.get(id);
            AppDefinition after = targets.get(id);
            String action;
            if (after == null) {
                action = Deployment.STOP;
            } else if (before == null) {
                starts.add(new Deployment.Action(Deployment.START, id));
                action = Deployment.SCALE;
            } else {
                action = after.isOnlyScaleOf(before) ? Deployment.SCALE : Deployment.RESTART;
            }
            Deployment.Action a = new Deployment.Action(action, id);
            if (action.equals(Deployment.STOP) && !rollback) {
                stops.add(a);
            } else {
                layers.computeIfAbsent(deps.depth(PathId.parse(id)), k -> new ArrayList<>()).add(a);
            }
        }
        List<Deployment.Step> steps = new ArrayList<>();
        steps.add(new Deployment.Step(stops));
        steps.add(new Deployment.Step(starts));
        layers.values().forEach(l -> steps.add(new Deployment.Step(l)));
        return steps.stream().filter(s -> !s.actions().isEmpty()).toList();
    }
}
