package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deployment plans, one step after the other. The {@link SchedulerState}'s apps are what the planning loop drives
 * tasks towards; an app's target enters them only when the step of its last action begins (a stop takes it out),
 * so an app of a later step gets no launches, kills or upgrades until every app of the steps before is ready:
 * running at its instance count with current tasks that pass their health checks, or, for a stop, without tasks.
 * Until then the app keeps its original definition, and the API shows the target ({@link #view()}). Group
 * definitions take effect when their plan starts.
 * Every change is written to the store before it is made here: when the store refuses one (ZooKeeper away), the
 * {@link io.plumbery.runtime.marathon.state.StoreUnavailableException} leaves nothing here that is not stored.
 * Core thread only.
 */
final class DeploymentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRunner.class);
    private final SchedulerState state;
    private final MarathonStore store;
    private final EventBus events;
    private final Replan replan;
    private final GroupHistory history;

    DeploymentRunner(SchedulerState state, MarathonStore store, EventBus events, Replan replan,
                     GroupHistory history) {
        this.state = state;
        this.store = store;
        this.events = events;
        this.replan = replan;
        this.history = history;
    }

    /** The apps as the API shows them: with the target of every running deployment, applied or not yet. */
    Map<PathId, AppDefinition> view() {
        Map<PathId, AppDefinition> out = new TreeMap<>();
        state.apps().forEach(a -> out.put(a.pathId(), a));
        for (Deployment d : state.deployments()) {
            for (String app : d.affectedApps()) {
                AppDefinition target = d.targets().get(app);
                if (target != null) {
                    out.put(target.pathId(), target);
                } else {
                    out.remove(PathId.parse(app));
                }
            }
        }
        return out;
    }

    /** The root group as the API shows it: the apps of {@link #view()} and the groups' definitions. */
    GroupTree tree() {
        return GroupTree.of(view().values(), state.groups());
    }

    List<Deployment> of(String appId) {
        return state.deployments().stream().filter(d -> d.affects(appId)).toList();
    }

    /** {@link #start(Deployment, PathId)}, the change announced on the innermost group holding its apps. */
    void start(Deployment d) {
        start(d, changedGroup(d));
    }

    /**
     * Records a new plan, makes its group definitions and begins its first step (a plan without steps succeeds at
     * once). The plan is stored at its first step before anything else: a leader that reads it carries it on from
     * there. {@code changed} is the group that {@code group_change_success} names, as Marathon's group manager.
     */
    void start(Deployment d, PathId changed) {
        store.saveDeployment(d.steps().isEmpty() ? d : d.atStep(1));
        d.affectedGroups().forEach(id -> applyGroup(d, id));
        for (AppDefinition target : d.targets().values()) {
            if (d.effectiveStep(target.id()) > 1) {
                store.saveVersion(target); // listed in /versions at once; saveApp does it for step 1
            }
        }
        state.putDeployment(d);
        history.record(GroupHistory.entries(d), d.version(), tree());
        for (AppDefinition target : d.targets().values()) {
            events.publish(events.event("api_post_event").put("uri", "/v2/apps" + target.id())
                    .set("appDefinition", MarathonJson.tree(target)));
        }
        // as Marathon's group manager: the change is stored and its deployment under way
        events.publish(events.event("group_change_success").put("groupId", changed.toString())
                .put("version", d.version()));
        if (d.steps().isEmpty()) {
            finish(d);
        } else {
            begin(d, 1);
        }
    }

    /** A change of the root group refused (invalid, conflicting, not stored), as Marathon's group manager says. */
    void changeFailed(PathId changed, String version, String reason) {
        events.publish(events.event("group_change_failed").put("groupId", changed.toString()).put("version", version)
                .put("reason", reason));
    }

    /** The innermost group holding every app the deployment changes ({@code /} for apps in different trees). */
    static PathId changedGroup(Deployment d) {
        List<String> common = null;
        for (String app : d.affectedApps()) {
            List<String> parent = PathId.parse(app).parent().segments();
            if (common == null) {
                common = parent;
            } else {
                int same = 0;
                while (same < common.size() && same < parent.size() && common.get(same).equals(parent.get(same))) {
                    same++;
                }
                common = common.subList(0, same);
            }
        }
        return common == null ? PathId.ROOT : new PathId(common);
    }

    /**
     * A new leader's deployments: each carries on from its stored step, which is applied again (applying is
     * idempotent, and the previous leader may have stored the step but not yet its apps).
     */
    void resume() {
        for (Deployment d : List.copyOf(state.deployments())) {
            for (String group : d.affectedGroups()) {
                if (Objects.equals(state.group(PathId.parse(group)), d.groupOriginals().get(group))) {
                    applyGroup(d, group); // the previous leader stored the plan, not yet this group
                }
            }
            if (d.current() == null) {
                LOG.info("Deployment {} has no step {}: done", d.id(), d.currentStep());
                finish(d);
            } else {
                LOG.info("Resuming deployment {} at step {} of {}", d.id(), d.currentStep(), d.steps().size());
                apply(d, d.currentStep());
            }
        }
    }

    /** After a planning pass: every deployment whose current step is done moves on to its next step. */
    void advance(Set<PathId> complete) {
        for (Deployment d : List.copyOf(state.deployments())) {
            Deployment.Step step = d.current();
            if (step == null || !done(d, step, complete)) {
                continue;
            }
            publishStep("deployment_step_success", d);
            for (Deployment.Action a : step.actions()) {
                if (a.action().equals(Deployment.STOP)) {
                    events.publish(events.event("app_terminated_event").put("appId", a.app()));
                }
            }
            if (d.currentStep() == d.steps().size()) {
                finish(d);
            } else {
                // one step per pass: `complete` was computed before the next step's apps changed
                begin(d, d.currentStep() + 1);
            }
        }
    }

    /**
     * Ends a deployment without finishing it (deployment_failed). With {@code applyRest} the targets of the steps
     * not begun yet take effect at once, as in Marathon, where the target stays stored when a deployment is
     * cancelled with force: the app definitions the API shows stay those the user sent.
     */
    void drop(Deployment d, boolean applyRest) {
        store.deleteDeployment(d.id());
        state.removeDeployment(d.id());
        events.publish(events.event("deployment_failed").put("id", d.id()).set("plan", Views.plan(d)));
        if (applyRest) {
            for (int step = d.currentStep() + 1; step <= d.steps().size(); step++) {
                apply(d, step);
            }
        }
        replan.soon();
    }

    private void begin(Deployment d, int step) {
        Deployment at = d.atStep(step);
        store.saveDeployment(at);
        state.putDeployment(at);
        apply(at, step);
        ObjectNode info = events.event("deployment_info");
        info.set("plan", Views.plan(at));
        info.set("currentStep", Views.step(at.current()));
        events.publish(info);
        replan.soon();
    }

    /** The group's definition as the plan has it (stored first), or none when the plan removes it. */
    private void applyGroup(Deployment d, String id) {
        GroupDefinition target = d.groupTargets().get(id);
        if (target == null) {
            store.deleteGroup(id);
            state.removeGroup(PathId.parse(id));
        } else {
            store.saveGroup(target);
            state.putGroup(target);
        }
    }

    /** The step's apps take their target (or, stopped, leave): from now on the planning loop drives them. */
    private void apply(Deployment d, int step) {
        for (Deployment.Action a : d.effective(step)) {
            AppDefinition target = d.targets().get(a.app());
            PathId id = PathId.parse(a.app());
            if (target == null) {
                if (state.hasApp(id)) {
                    store.deleteApp(a.app());
                    state.removeApp(id);
                }
            } else if (!target.equals(state.app(id))) {
                store.saveApp(target);
                state.putApp(target);
            }
        }
    }

    private boolean done(Deployment d, Deployment.Step step, Set<PathId> complete) {
        for (Deployment.Action a : step.actions()) {
            PathId id = PathId.parse(a.app());
            boolean ok;
            if (a.action().equals(Deployment.STOP)) {
                ok = !state.hasApp(id) && state.tasksOf(a.app()).isEmpty();
            } else if (d.effectiveStep(a.app()) != d.currentStep()) {
                ok = true; // StartApplication of a group plan: registered with no instances, as Marathon's
            } else {
                ok = complete.contains(id);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void finish(Deployment d) {
        store.deleteDeployment(d.id());
        state.removeDeployment(d.id());
        ObjectNode success = events.event("deployment_success").put("id", d.id());
        success.set("plan", Views.plan(d));
        events.publish(success);
    }

    private void publishStep(String type, Deployment d) {
        ObjectNode e = events.event(type);
        e.set("plan", Views.plan(d));
        e.set("currentStep", Views.step(d.current()));
        events.publish(e);
    }
}
