package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.state.MarathonStore;
import io.plumbery.runtime.marathon.state.StoreUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The API's changes to apps, tasks and deployments, each run on the scheduler's core thread: a change becomes a
 * deployment plan ({@link Changes}) that the {@link DeploymentRunner} carries out step by step. A change is stored
 * before it is answered; one the store refuses is 503.
 */
public final class Operations {
    private final CoreThread core;
    private final SchedulerState state;
    private final DeploymentRunner runner;
    private final VersionClock versions;
    private final MarathonStore store;
    private final Killer killer;
    private final Replan replan;
    private final Snapshots snapshots;
    private final Changes changes;
    private final GroupHistory history;

    Operations(CoreThread core, SchedulerState state, DeploymentRunner runner, VersionClock versions,
               MarathonStore store, Killer killer, Replan replan, Snapshots snapshots, DockerPolicy docker,
               RolePolicy roles, GroupHistory history) {
        this.core = core;
        this.state = state;
        this.runner = runner;
        this.versions = versions;
        this.store = store;
        this.killer = killer;
        this.replan = replan;
        this.snapshots = snapshots;
        this.changes = new Changes(state, runner, versions, replan, docker, roles);
        this.history = history;
    }

    /** A change accepted: the deployment that carries it out and the new version. */
    public record Change(String deploymentId, String version, AppDefinition app) {
    }

    public record Killed(List<MarathonTask> tasks, Change change) {
    }

    public Change create(AppDefinition app) {
        return call(() -> {
            if (runner.view().containsKey(app.pathId())) {
                throw MarathonException.of(409, "An app with id [" + app.id() + "] already exists.");
            }
            return changes.single(null, app, false);
        });
    }

    /** Create or update (PUT/PATCH after merging); a scale when only {@code instances} changed. */
    public Change put(AppDefinition app, boolean force) {
        return call(() -> changes.single(runner.view().get(app.pathId()), app, force));
    }

    public Change delete(PathId id, boolean force) {
        return call(() -> changes.single(existing(id), null, force));
    }

    /**
     * PUT /v2/apps with a list: the apps created or updated in one deployment whose steps follow their
     * dependencies. {@code pathOf} names the i-th app in 422 answers.
     */
    public Change apps(List<AppDefinition> apps, boolean force, IntFunction<String> pathOf) {
        Map<PathId, String> paths = new TreeMap<>();
        for (int i = 0; i < apps.size(); i++) {
            paths.put(apps.get(i).pathId(), pathOf.apply(i));
        }
        return changeGroups(new GroupChange(PathId.ROOT, (tree, version) -> {
            Map<PathId, AppDefinition> next = new TreeMap<>(tree.apps());
            apps.forEach(a -> next.put(a.pathId(), a));
            return new GroupTree(next, tree.groups());
        }, id -> paths.getOrDefault(id, "")), force);
    }

    /**
     * A change of the root group, as Marathon's {@code GroupManager.updateRoot} takes it: {@code change} gets the
     * root group as the API shows it and the change's version, and answers the root group wanted (or throws
     * Marathon's answer). {@code changed} is the group the change is announced on, {@code pathOf} names an app of
     * the request in 422 answers.
     */
    public record GroupChange(PathId changed, BiFunction<GroupTree, String, GroupTree> change,
                              Function<PathId, String> pathOf) {
    }

    /** The change carried out by one deployment; one refused is announced ({@code group_change_failed}). */
    public Change changeGroups(GroupChange c, boolean force) {
        return call(() -> {
            String version = versions.next();
            try {
                return changes.tree(c.changed(), c.change().apply(runner.tree(), version), version, force,
                        c.pathOf());
            } catch (RuntimeException e) {
                runner.changeFailed(c.changed(), version, e.getMessage());
                throw e;
            }
        });
    }

    /** The steps of the deployment the change would be, none of it carried out (Marathon's {@code dryRun}). */
    public List<Deployment.Step> dryRun(GroupChange c) {
        return call(() -> {
            String version = versions.next();
            return changes.plan(c.change().apply(runner.tree(), version), version, c.pathOf()).steps();
        });
    }

    /** The versions in which the group existed, newest first; 404 for a group that does not exist now. */
    public List<String> groupVersions(PathId group) {
        return call(() -> {
            if (!runner.tree().exists(group)) {
                throw MarathonException.groupNotFound(group.toString());
            }
            return history.versions(group);
        });
    }

    /** The root group as it was at that version of the group, if the group has that version. */
    public Optional<GroupTree> groupAt(PathId group, String version) {
        return call(() -> history.at(group, version, runner.tree()));
    }

    public Change restart(PathId id, boolean force) {
        return call(() -> {
            AppDefinition app = existing(id);
            changes.conflicts(List.of(app.id()), force);
            String version = versions.next();
            AppDefinition next = app.withVersion(version, new AppDefinition.VersionInfo(version, version));
            return changes.deploy(app, next, Deployment.RESTART);
        });
    }

    public Optional<AppDefinition> app(PathId id) {
        return call(() -> Optional.ofNullable(runner.view().get(id)));
    }

    public List<AppDefinition> versions(PathId id) {
        return call(() -> {
            existing(id);
            return store.versions(id.toString());
        });
    }

    /**
     * Kills tasks by id; with scale the apps' instances go down by as many (one deployment per app); with wipe the
     * tasks are forgotten at once ({@link Killer#wipe}).
     */
    public Killed kill(List<String> taskIds, boolean scale, boolean force, boolean wipe) {
        return call(() -> {
            List<MarathonTask> found = new ArrayList<>();
            for (String id : taskIds) {
                MarathonTask t = state.task(id);
                if (t != null) {
                    found.add(t);
                }
            }
            Change change = null;
            if (scale) {
                Map<String, Integer> perApp = new HashMap<>();
                found.forEach(t -> perApp.merge(t.appId(), 1, Integer::sum));
                changes.conflicts(perApp.keySet(), force);
                for (Map.Entry<String, Integer> e : perApp.entrySet()) {
                    AppDefinition app = runner.view().get(PathId.parse(e.getKey()));
                    if (app != null) {
                        String version = versions.next();
                        AppDefinition next = app.withInstances(Math.max(0, app.instances() - e.getValue()))
                                .withVersion(version, new AppDefinition.VersionInfo(version, app.configVersion()));
                        found.stream().filter(t -> t.appId().equals(app.id())).forEach(t -> killer.kill(t, "scale"));
                        change = changes.deploy(app, next, Deployment.SCALE);
                    }
                }
            }
            found.forEach(t -> {
                if (wipe) {
                    killer.wipe(t);
                } else {
                    killer.kill(t, "API");
                }
            });
            replan.now();
            return new Killed(found, change);
        });
    }

    /** Rolls a deployment back (a new deployment to the originals), or with force just drops it (null). */
    public Change cancelDeployment(String id, boolean force) {
        return call(() -> changes.rollback(id, force));
    }

    public void resetDelay(PathId id) {
        call(() -> {
            existing(id);
            state.resetDelay(id);
            replan.now();
            return null;
        });
    }

    public Snapshot snapshot() {
        return call(snapshots::take);
    }

    /**
     * Runs on the core thread; a change the store could not keep is Marathon's 503, and the scheduler holds nothing
     * of it (see {@link DeploymentRunner}).
     */
    private <T> T call(Callable<T> work) {
        try {
            return core.call(work);
        } catch (StoreUnavailableException e) {
            throw MarathonException.of(503, "The change could not be stored: " + e.getMessage());
        }
    }

    private AppDefinition existing(PathId id) {
        AppDefinition app = runner.view().get(id);
        if (app == null) {
            throw MarathonException.appNotFound(id.toString());
        }
        return app;
    }
}
