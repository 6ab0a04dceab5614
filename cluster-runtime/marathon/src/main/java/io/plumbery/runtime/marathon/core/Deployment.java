package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment plan, as Marathon's: the apps it changes ({@code originals}: before, absent when created;
 * {@code targets}: after, absent when deleted) and its steps, run one after the other. {@code currentStep} is
 * 1-based as in {@code /v2/deployments}: the step under way, whose actions have been applied to the scheduler.
 * Group definitions the change makes, removes or changes ({@code groupOriginals}, {@code groupTargets}, absent in
 * the same way) take effect when the plan starts; they are kept here so that a rollback puts them back.
 * Stored as JSON in ZooKeeper, so a new leader carries on from {@code currentStep}.
 */
public record Deployment(String id, String version, List<Step> steps, int currentStep,
                         Map<String, AppDefinition> originals, Map<String, AppDefinition> targets,
                         Map<String, GroupDefinition> groupOriginals, Map<String, GroupDefinition> groupTargets) {
    public static final String START = "StartApplication";
    public static final String SCALE = "ScaleApplication";
    public static final String RESTART = "RestartApplication";
    public static final String STOP = "StopApplication";

    /** Actions that may run in parallel. */
    public record Step(List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** One of {@link #START}, {@link #SCALE}, {@link #RESTART}, {@link #STOP} on an app id. */
    public record Action(String action, String app) {
    }

    public Deployment {
        steps = steps == null ? List.of() : List.copyOf(steps);
        originals = originals == null ? Map.of() : new LinkedHashMap<>(originals);
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
        groupOriginals = groupOriginals == null ? Map.of() : new LinkedHashMap<>(groupOriginals);
        groupTargets = groupTargets == null ? Map.of() : new LinkedHashMap<>(groupTargets);
    }

    /** A plan that changes apps only. */
    public Deployment(String id, String version, List<Step> steps, int currentStep,
                      Map<String, AppDefinition> originals, Map<String, AppDefinition> targets) {
        this(id, version, steps, currentStep, originals, targets, Map.of(), Map.of());
    }

    /** Ids of the groups whose definitions the plan changes, sorted. */
    @JsonIgnore
    public Set<String> affectedGroups() {
        Set<String> out = new TreeSet<>(groupOriginals.keySet());
        out.addAll(groupTargets.keySet());
        return out;
    }

    /** A plan of one action on one app: what the single-app endpoints ({@code /v2/apps/{id}}) deploy. */
    public static Deployment single(String id, String version, String action, AppDefinition original,
                                    AppDefinition target) {
        String app = target != null ? target.id() : original.id();
        Map<String, AppDefinition> originals = new LinkedHashMap<>();
        Map<String, AppDefinition> targets = new LinkedHashMap<>();
        if (original != null) {
            originals.put(app, original);
        }
        if (target != null) {
            targets.put(app, target);
        }
        return new Deployment(id, version, List.of(new Step(List.of(new Action(action, app)))), 1, originals, targets);
    }

    public Deployment atStep(int step) {
        return new Deployment(id, version, steps, step, originals, targets, groupOriginals, groupTargets);
    }

    /** The step under way (null when the plan has no steps). */
    @JsonIgnore
    public Step current() {
        return currentStep >= 1 && currentStep <= steps.size() ? steps.get(currentStep - 1) : null;
    }

    /** Ids of the apps that some action of the plan changes (Marathon's affectedApps), sorted. */
    @JsonIgnore
    public Set<String> affectedApps() {
        Set<String> out = new TreeSet<>();
        steps.forEach(s -> s.actions().forEach(a -> out.add(a.app())));
        return out;
    }

    public boolean affects(String appId) {
        return steps.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> a.app().equals(appId)));
    }

    /**
     * The step (1-based) at which the app's target takes effect: that of its last action. A new app of a group plan
     * has StartApplication (registered with no instances, as Marathon's) and later ScaleApplication in its
     * dependency layer: its tasks are launched only once the ScaleApplication step begins.
     */
    public int effectiveStep(String appId) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            for (Action a : steps.get(i).actions()) {
                if (a.app().equals(appId)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The actions of a step whose app's target takes effect at that step. */
    List<Action> effective(int step) {
        List<Action> out = new ArrayList<>();
        for (Action a : steps.get(step - 1).actions()) {
            if (effectiveStep(a.app()) == step) {
                out.add(a);
            }
        }
        return out;
    }
}
