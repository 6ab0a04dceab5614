package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The API's changes to apps, tasks and deployments, each run on the scheduler's core thread: a change becomes a
 * deployment plan ({@link Changes}) that the {@link DeploymentRunner} carries out step by step.
 */
public final class Operations {
    private final MarathonScheduler s;
    private final SchedulerState state;
    private final Changes changes;

    Operations(MarathonScheduler s, SchedulerState state) {
        this.s = s;
        this.state = state;
        this.changes = new Changes(s, state);
    }

    /** A change accepted: the deployment that carries it out and the new version. */
    public record Change(String deploymentId, String version, AppDefinition app) {
    }

    public record Killed(List<MarathonTask> tasks, Change change) {
    }

    public Change create(AppDefinition app) {
        return s.onCore(() -> {
            if (s.runner.view().containsKey(app.pathId())) {
                throw MarathonException.of(409, "An app with id [" + app.id() + "] already exists.");
            }
            return changes.single(null, app, false);
        });
    }

    /** Create or update (PUT/PATCH after merging); a scale when only {@code instances} changed. */
    public Change put(AppDefinition app, boolean force) {
        return s.onCore(() -> changes.single(s.runner.view().get(app.pathId()), app, force));
    }

    public Change delete(PathId id, boolean force) {
        return s.onCore(() -> changes.single(existing(id), null, force));
    }

    /**
     * Several apps in one deployment whose steps follow their dependencies: a group POST/PUT ({@code replace}:
     * the other apps under {@code scope} are deleted), a group DELETE (no apps, replace) or PUT /v2/apps with a
     * list. {@code pathOf} names the i-th app in 422 answers.
     */
    public Change group(PathId scope, List<AppDefinition> apps, boolean replace, boolean force,
                        IntFunction<String> pathOf) {
        return s.onCore(() -> changes.group(scope, apps, replace, force, pathOf));
    }

    public Change restart(PathId id, boolean force) {
        return s.onCore(() -> {
            AppDefinition app = existing(id);
            changes.conflicts(List.of(app.id()), force);
            String version = s.nextVersion();
            AppDefinition next = app.withVersion(version, new AppDefinition.VersionInfo(version, version));
            return changes.deploy(app, next, Deployment.RESTART);
        });
    }

    public Optional<AppDefinition> app(PathId id) {
        return s.onCore(() -> Optional.ofNullable(s.runner.view().get(id)));
    }

    public List<AppDefinition> versions(PathId id) {
        return s.onCore(() -> {
            existing(id);
            return s.store.versions(id.toString());
        });
    }

    /** Kills tasks by id; with scale the apps' instances go down by as many (one deployment per app). */
    public Killed kill(List<String> taskIds, boolean scale, boolean force) {
        return s.onCore(() -> {
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
                    AppDefinition app = s.runner.view().get(PathId.parse(e.getKey()));
                    if (app != null) {
                        String version = s.nextVersion();
                        AppDefinition next = app.withInstances(Math.max(0, app.instances() - e.getValue()))
                                .withVersion(version, new AppDefinition.VersionInfo(version, app.configVersion()));
                        found.stream().filter(t -> t.appId().equals(app.id())).forEach(t -> s.kill(t, "scale"));
                        change = changes.deploy(app, next, Deployment.SCALE);
                    }
                }
            }
            found.forEach(t -> s.kill(t, "API"));
            s.reconcileAll();
            return new Killed(found, change);
        });
    }

    /** Rolls a deployment back (a new deployment to the originals), or with force just drops it (null). */
    public Change cancelDeployment(String id, boolean force) {
        return s.onCore(() -> changes.rollback(id, force));
    }

    public void resetDelay(PathId id) {
        s.onCore(() -> {
            existing(id);
            state.resetDelay(id);
            s.reconcileAll();
            return null;
        });
    }

    public Snapshot snapshot() {
        return s.onCore(() -> {
            Map<String, ArrayNode> health = new HashMap<>();
            Map<String, Boolean> ready = new HashMap<>();
            for (MarathonTask t : state.tasks()) {
                ready.put(t.id(), s.health.ready(t));
                HealthState[] states = s.health.states(t.id());
                if (states != null) {
                    health.put(t.id(), Views.healthResults(t, states));
                }
            }
            List<ObjectNode> queue = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (AppDefinition app : state.apps()) {
                int need = state.launchesNeeded(app.pathId());
                if (need > 0) {
                    queue.add(Views.queueItem(app, need, state.delay(app.pathId()), now,
                            state.queueStats(app.pathId())));
                }
            }
            return new Snapshot(List.copyOf(s.runner.view().values()), List.copyOf(state.tasks()),
                    List.copyOf(state.deployments()), health, ready, queue, Map.copyOf(state.lastFailures().entrySet()
                    .stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(),
                            Map.Entry::getValue))), s.frameworkId(), s.isSubscribed());
        });
    }

    private AppDefinition existing(PathId id) {
        AppDefinition app = s.runner.view().get(id);
        if (app == null) {
            throw MarathonException.appNotFound(id.toString());
        }
        return app;
    }
}
