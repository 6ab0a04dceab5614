package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns requested app definitions into deployment plans: versions, service ports, dependency validation,
 * conflicts with running deployments, rollbacks. Core thread only (the {@link Operations} run it there).
 */
final class Changes {
    static final String CYCLE = "Dependency graph has cyclic dependencies.";
    private static final int SERVICE_PORTS_FROM = 10_000;
    private static final int SERVICE_PORTS_TO = 20_000;
    private final SchedulerState state;
    private final DeploymentRunner runner;
    private final VersionClock versions;
    private final Replan replan;
    private final DockerPolicy docker;
    private final RolePolicy roles;

    Changes(SchedulerState state, DeploymentRunner runner, VersionClock versions, Replan replan, DockerPolicy docker,
            RolePolicy roles) {
        this.state = state;
        this.runner = runner;
        this.versions = versions;
        this.replan = replan;
        this.docker = docker;
        this.roles = roles;
    }

    /** One app created, updated or deleted ({@code /v2/apps/{id}}): a plan of one step. */
    Operations.Change single(AppDefinition before, AppDefinition after, boolean force) {
        String appId = after != null ? after.id() : before.id();
        if (after != null) {
            allowedOnHosts(List.of(after), a -> "");
        }
        conflicts(List.of(appId), force);
        if (after == null) {
            return deploy(before, null, Deployment.STOP);
        }
        Map<PathId, AppDefinition> root = runner.view();
        AppDefinition target = prepare(before, after, versions.next(), root);
        allowedRoles(List.of(target), root, a -> "");
        root.put(target.pathId(), target);
        GroupTree result = GroupTree.of(root.values(), state.groups());
        List<Violation> clashes = result.clashes();
        if (!clashes.isEmpty()) {
            throw MarathonException.invalid(clashes);
        }
        validate(List.of(target), result, Set.of(target.pathId()), a -> "");
        String action = before == null ? Deployment.START
                : target.isOnlyScaleOf(before) ? Deployment.SCALE : Deployment.RESTART;
        return deploy(before, target, action);
    }

    /** A one-step plan with the action given (single-app changes, restarts, kills with scale). */
    Operations.Change deploy(AppDefinition before, AppDefinition after, String action) {
        String version = after != null ? after.version() : versions.next();
        if (action.equals(Deployment.RESTART)) {
            state.resetDelay(after.pathId());
        }
        Deployment d = Deployment.single(UUID.randomUUID().toString(), version, action, before, after);
        runner.start(d);
        replan.now();
        return new Operations.Change(d.id(), version, after);
    }

    /**
     * The root group changed to {@code target} (a group created, updated, scaled, rolled back or deleted;
     * {@code PUT /v2/apps} with a list): ONE plan whose steps follow the dependencies, apps and group definitions
     * not in {@code target} removed. {@code changed} is the group the change is announced on; {@code pathOf} names an
     * app of the request in 422 answers.
     */
    Operations.Change tree(PathId changed, GroupTree target, String version, boolean force,
                           Function<PathId, String> pathOf) {
        Deployment d = plan(target, version, pathOf);
        conflicts(d.affectedApps(), force);
        for (Deployment.Step step : d.steps()) {
            step.actions().stream().filter(a -> a.action().equals(Deployment.RESTART))
                    .forEach(a -> state.resetDelay(PathId.parse(a.app())));
        }
        runner.start(d, changed);
        replan.now();
        return new Operations.Change(d.id(), version, null);
    }

    /**
     * The plan that takes the root group to {@code target}, validated but not started (what a {@code dryRun}
     * answers). Apps unchanged take no part (and keep their version).
     */
    Deployment plan(GroupTree target, String version, Function<PathId, String> pathOf) {
        Map<PathId, AppDefinition> view = runner.view();
        Map<PathId, AppDefinition> root = new TreeMap<>(); // the target root group's apps
        Map<String, AppDefinition> originals = new LinkedHashMap<>();
        Map<String, AppDefinition> targets = new LinkedHashMap<>();
        view.values().stream().filter(a -> !target.apps().containsKey(a.pathId())).forEach(a -> originals.put(a.id(), a));
        for (AppDefinition app : target.apps().values()) {
            AppDefinition before = view.get(app.pathId());
            root.put(app.pathId(), before != null ? before : app);
        }
        List<AppDefinition> changedApps = new ArrayList<>();
        for (AppDefinition app : target.apps().values()) {
            AppDefinition before = view.get(app.pathId());
            if (app.equals(before)) {
                continue;
            }
            AppDefinition prepared = prepare(before, app, version, root);
            if (before != null && prepared.withVersion(null, null).equals(before.withVersion(null, null))) {
                continue;
            }
            root.put(prepared.pathId(), prepared);
            changedApps.add(prepared);
            if (before != null) {
                originals.put(app.id(), before);
            }
            targets.put(app.id(), prepared);
        }
        Map<String, GroupDefinition> groupOriginals = new LinkedHashMap<>();
        Map<String, GroupDefinition> groupTargets = new LinkedHashMap<>();
        groupChanges(target, groupOriginals, groupTargets);
        GroupTree result = new GroupTree(root, target.groups());
        List<Violation> clashes = result.clashes();
        if (!clashes.isEmpty()) {
            throw MarathonException.invalid(clashes);
        }
        Set<PathId> starts = new TreeSet<>();
        changedApps.forEach(a -> starts.add(a.pathId()));
        groupTargets.keySet().forEach(g -> result.appsUnder(PathId.parse(g)).forEach(a -> starts.add(a.pathId())));
        allowedOnHosts(changedApps, a -> pathOf.apply(a.pathId()));
        allowedRoles(changedApps, view, a -> pathOf.apply(a.pathId()));
        validate(changedApps, result, starts, a -> pathOf.apply(a.pathId()));
        List<Deployment.Step> steps = DeploymentPlanner.steps(originals, targets, root.values(),
                target.groups().values(), false);
        return new Deployment(UUID.randomUUID().toString(), version, steps, 0, originals, targets, groupOriginals,
                groupTargets);
    }

    /** The group definitions {@code target} makes, changes or removes: what they are now, what they will be. */
    private void groupChanges(GroupTree target, Map<String, GroupDefinition> originals,
                              Map<String, GroupDefinition> targets) {
        Set<PathId> ids = new TreeSet<>(target.groups().keySet());
        state.groups().forEach(g -> ids.add(g.pathId()));
        for (PathId id : ids) {
            GroupDefinition before = state.group(id);
            GroupDefinition after = target.groups().get(id);
            if (!Objects.equals(before, after)) {
                if (before != null) {
                    originals.put(id.toString(), before);
                }
                if (after != null) {
                    targets.put(id.toString(), after);
                }
            }
        }
    }

    /**
     * DELETE /v2/deployments/{id}: a new plan that takes every app of the deployment back to its original (or
     * deletes it when the deployment created it), dependents first. With force the deployment is just dropped.
     */
    Operations.Change rollback(String id, boolean force) {
        Deployment d = state.deployment(id);
        if (d == null) {
            throw MarathonException.of(404, "DeploymentPlan " + id + " does not exist");
        }
        if (force) {
            runner.drop(d, true);
            return null;
        }
        Map<PathId, AppDefinition> view = runner.view();
        runner.drop(d, false);
        String version = versions.next();
        Map<String, AppDefinition> originals = new LinkedHashMap<>();
        Map<String, AppDefinition> targets = new LinkedHashMap<>();
        // the graph holds the apps being removed too, so that their dependents go before them
        Map<PathId, AppDefinition> graph = new TreeMap<>(view);
        for (String app : d.affectedApps()) {
            AppDefinition now = view.get(PathId.parse(app));
            AppDefinition back = d.originals().get(app);
            if (now != null) {
                originals.put(app, now);
            }
            if (back != null) {
                // the original's configVersion: its tasks that still run are current again and are kept
                AppDefinition t = back.withVersion(version, new AppDefinition.VersionInfo(version,
                        back.configVersion()));
                targets.put(app, t);
                graph.putIfAbsent(t.pathId(), t);
            }
        }
        Map<String, GroupDefinition> groupOriginals = new LinkedHashMap<>();
        Map<String, GroupDefinition> groupTargets = new LinkedHashMap<>();
        for (String group : d.affectedGroups()) {
            GroupDefinition now = state.group(PathId.parse(group));
            GroupDefinition back = d.groupOriginals().get(group);
            if (!Objects.equals(now, back)) {
                if (now != null) {
                    groupOriginals.put(group, now);
                }
                if (back != null) {
                    groupTargets.put(group, back.withVersion(version));
                }
            }
        }
        List<Deployment.Step> steps = DeploymentPlanner.steps(originals, targets, graph.values(), state.groups(), true);
        Deployment revert = new Deployment(UUID.randomUUID().toString(), version, steps, 0, originals, targets,
                groupOriginals, groupTargets);
        runner.start(revert);
        replan.now();
        AppDefinition single = targets.size() == 1 ? targets.values().iterator().next() : null;
        return new Operations.Change(revert.id(), version, single);
    }

    /** 409 when a running deployment changes one of these apps; with force those deployments are dropped. */
    void conflicts(Collection<String> appIds, boolean force) {
        Map<String, Deployment> running = new LinkedHashMap<>();
        for (String app : appIds) {
            runner.of(app).forEach(d -> running.put(d.id(), d));
        }
        if (running.isEmpty()) {
            return;
        }
        if (!force) {
            ObjectNode body = MarathonJson.object().put("message", "App is locked by one or more deployments. "
                    + "Override with the option '?force=true'. View details at '/v2/deployments/"
                    + String.join(",", running.keySet()) + "'.");
            ArrayNode list = body.putArray("deployments");
            running.keySet().forEach(id -> list.addObject().put("id", id));
            throw new MarathonException(409, body);
        }
        running.values().forEach(d -> runner.drop(d, true));
    }

    /** 422 for containers that ask the hosts for more than the {@link DockerPolicy} allows. */
    private void allowedOnHosts(List<AppDefinition> apps, Function<AppDefinition, String> pathOf) {
        List<Violation> violations = new ArrayList<>();
        for (AppDefinition app : apps) {
            violations.addAll(docker.violations(app, pathOf.apply(app)));
        }
        if (!violations.isEmpty()) {
            throw MarathonException.invalid(violations);
        }
    }

    /** 422 for roles the apps may not run in, and accepted resource roles other than theirs (see {@link RolePolicy}). */
    private void allowedRoles(List<AppDefinition> apps, Map<PathId, AppDefinition> before,
                              Function<AppDefinition, String> pathOf) {
        List<Violation> violations = new ArrayList<>();
        for (AppDefinition app : apps) {
            violations.addAll(roles.violations(app, before.get(app.pathId()), pathOf.apply(app)));
        }
        if (!violations.isEmpty()) {
            throw MarathonException.invalid(violations);
        }
    }

    /**
     * Dependencies of changed apps that name nothing, and cycles through the apps of {@code starts} (the changed
     * ones, those in groups whose dependencies changed), are refused (422), as Marathon's.
     */
    private static void validate(List<AppDefinition> changed, GroupTree root, Set<PathId> starts,
                                 Function<AppDefinition, String> pathOf) {
        Dependencies graph = new Dependencies(root.apps().values(), root.groups().values());
        List<Violation> violations = new ArrayList<>();
        for (AppDefinition app : changed) {
            List<String> deps = app.dependencies() == null ? List.of() : app.dependencies();
            Set<String> unknown = graph.unknown(app.pathId());
            for (int j = 0; j < deps.size(); j++) {
                if (unknown.contains(deps.get(j))) {
                    violations.add(Violation.of(pathOf.apply(app) + "/dependencies(" + j + ")", "Dependency '"
                            + deps.get(j) + "' of app '" + app.id() + "' names no app or group with apps, "
                            + "existing or in this change"));
                }
            }
        }
        if (graph.cycleFrom(starts)) {
            violations.add(Violation.of("/", CYCLE));
        }
        if (!violations.isEmpty()) {
            throw MarathonException.invalid(violations);
        }
    }

    /** The app as it will be stored: its role, service ports assigned, Marathon's versionInfo. */
    private AppDefinition prepare(AppDefinition before, AppDefinition after, String version,
                                  Map<PathId, AppDefinition> others) {
        AppDefinition ported = withServicePorts(after.withRole(roles.roleOf(after, before)), before, others);
        AppDefinition.VersionInfo info;
        if (before != null && ported.isOnlyScaleOf(before)) {
            info = new AppDefinition.VersionInfo(version, before.configVersion());
        } else {
            info = new AppDefinition.VersionInfo(version, version);
        }
        return ported.withVersion(version, info);
    }

    /**
     * As Marathon: a port definition of 0 gets a free service port from 10000-20000 (used by load balancers); an
     * app that had one at that index keeps it, so that re-sending an unchanged app changes nothing.
     */
    private static AppDefinition withServicePorts(AppDefinition app, AppDefinition before,
                                                  Map<PathId, AppDefinition> others) {
        if (app.requirePorts() || app.portDefinitions().stream().noneMatch(p -> p.port() == 0)) {
            return app;
        }
        Set<Integer> used = new HashSet<>();
        others.values().stream().filter(a -> !a.pathId().equals(app.pathId()))
                .forEach(a -> a.portDefinitions().forEach(p -> used.add(p.port())));
        app.portDefinitions().forEach(p -> used.add(p.port()));
        int next = SERVICE_PORTS_FROM;
        List<AppDefinition.PortDefinition> defs = new ArrayList<>();
        List<AppDefinition.PortDefinition> old = before == null ? List.of() : before.portDefinitions();
        for (int i = 0; i < app.portDefinitions().size(); i++) {
            AppDefinition.PortDefinition p = app.portDefinitions().get(i);
            if (p.port() != 0) {
                defs.add(p);
                continue;
            }
            int kept = i < old.size() ? old.get(i).port() : 0;
            if (kept != 0 && !used.contains(kept)) {
                used.add(kept);
                defs.add(new AppDefinition.PortDefinition(kept, p.protocol(), p.name(), p.labels()));
                continue;
            }
            while (used.contains(next) && next < SERVICE_PORTS_TO) {
                next++;
            }
            if (next >= SERVICE_PORTS_TO) {
                throw MarathonException.of(422, "No free service port left in [" + SERVICE_PORTS_FROM + ", "
                        + SERVICE_PORTS_TO + ")");
            }
            used.add(next);
            defs.add(new AppDefinition.PortDefinition(next, p.protocol(), p.name(), p.labels()));
        }
        return app.withPorts(defs);
    }
}
