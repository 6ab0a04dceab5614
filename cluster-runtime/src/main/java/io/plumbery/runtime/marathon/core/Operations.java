package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's changes to apps, tasks and deployments, each run on the scheduler's core thread: a new app version is
 * stored, a deployment records from-and-to, and the planning loop does the rest.
 */
public final class Operations {
    private static final int SERVICE_PORTS_FROM = 10_000;
    private static final int SERVICE_PORTS_TO = 20_000;
    private final MarathonScheduler s;

    Operations(MarathonScheduler s) {
        this.s = s;
    }

    /** A change accepted: the deployment that carries it out and the new version. */
    public record Change(String deploymentId, String version, AppDefinition app) {
    }

    public record Killed(List<MarathonTask> tasks, Change change) {
    }

    public Change create(AppDefinition app) {
        return s.onCore(() -> {
            if (s.apps.containsKey(app.pathId())) {
                throw MarathonException.of(409, "An app with id [" + app.id() + "] already exists.");
            }
            return apply(null, app, false);
        });
    }

    /** Create or update (PUT/PATCH after merging); a scale when only {@code instances} changed. */
    public Change put(AppDefinition app, boolean force) {
        return s.onCore(() -> apply(s.apps.get(app.pathId()), app, force));
    }

    public Change delete(PathId id, boolean force) {
        return s.onCore(() -> apply(existing(id), null, force));
    }

    public Change restart(PathId id, boolean force) {
        return s.onCore(() -> {
            AppDefinition app = existing(id);
            conflicts(app.id(), force);
            String version = s.nextVersion();
            AppDefinition next = app.withVersion(version, new AppDefinition.VersionInfo(version, version));
            return deploy(app, next, "RestartApplication");
        });
    }

    public Optional<AppDefinition> app(PathId id) {
        return s.onCore(() -> Optional.ofNullable(s.apps.get(id)));
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
                MarathonTask t = s.tasks.get(id);
                if (t != null) {
                    found.add(t);
                }
            }
            Change change = null;
            if (scale) {
                Map<String, Integer> perApp = new HashMap<>();
                found.forEach(t -> perApp.merge(t.appId(), 1, Integer::sum));
                for (Map.Entry<String, Integer> e : perApp.entrySet()) {
                    AppDefinition app = s.apps.get(PathId.parse(e.getKey()));
                    if (app != null) {
                        conflicts(app.id(), force);
                    }
                }
                for (Map.Entry<String, Integer> e : perApp.entrySet()) {
                    AppDefinition app = s.apps.get(PathId.parse(e.getKey()));
                    if (app != null) {
                        String version = s.nextVersion();
                        AppDefinition next = app.withInstances(Math.max(0, app.instances() - e.getValue()))
                                .withVersion(version, new AppDefinition.VersionInfo(version, app.configVersion()));
                        found.stream().filter(t -> t.appId().equals(app.id())).forEach(t -> s.kill(t, "scale"));
                        change = deploy(app, next, "ScaleApplication");
                    }
                }
            }
            found.forEach(t -> s.kill(t, "API"));
            s.reconcileAll();
            return new Killed(found, change);
        });
    }

    /** Rolls a deployment back (a new deployment to the original), or with force just forgets it. */
    public Change cancelDeployment(String id, boolean force) {
        return s.onCore(() -> {
            Deployment d = s.deployments.get(id);
            if (d == null) {
                throw MarathonException.of(404, "DeploymentPlan " + id + " does not exist");
            }
            s.deployments.remove(id);
            s.store.deleteDeployment(id);
            s.events.publish(s.events.event("deployment_failed").put("id", id).set("plan", Views.plan(d)));
            if (force) {
                return null;
            }
            AppDefinition current = s.apps.get(PathId.parse(d.appId()));
            if (d.original() == null) {
                return current == null ? null : apply(current, null, true);
            }
            String version = s.nextVersion();
            AppDefinition back = d.original().withVersion(version, new AppDefinition.VersionInfo(version,
                    d.original().configVersion()));
            return deploy(current, back, current == null ? "StartApplication" : "RestartApplication");
        });
    }

    public void resetDelay(PathId id) {
        s.onCore(() -> {
            existing(id);
            s.delay(id).reset();
            s.reconcileAll();
            return null;
        });
    }

    public Snapshot snapshot() {
        return s.onCore(() -> {
            Map<String, ArrayNode> health = new HashMap<>();
            Map<String, Boolean> ready = new HashMap<>();
            for (MarathonTask t : s.tasks.values()) {
                ready.put(t.id(), s.ready(t));
                HealthState[] states = s.health.states(t.id());
                if (states != null) {
                    health.put(t.id(), Views.healthResults(t, states));
                }
            }
            List<ObjectNode> queue = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (AppDefinition app : s.apps.values()) {
                int need = s.needs.getOrDefault(app.pathId(), 0);
                if (need > 0) {
                    queue.add(Views.queueItem(app, need, s.delay(app.pathId()), now,
                            s.queueStats.get(app.pathId())));
                }
            }
            return new Snapshot(List.copyOf(s.apps.values()), List.copyOf(s.tasks.values()),
                    List.copyOf(s.deployments.values()), health, ready, queue, Map.copyOf(s.lastFailures.entrySet()
                    .stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(),
                            Map.Entry::getValue))), s.frameworkId(), s.isSubscribed());
        });
    }

    private AppDefinition existing(PathId id) {
        AppDefinition app = s.apps.get(id);
        if (app == null) {
            throw MarathonException.appNotFound(id.toString());
        }
        return app;
    }

    private void conflicts(String appId, boolean force) {
        Optional<Deployment> running = s.deploymentOf(appId);
        if (running.isEmpty()) {
            return;
        }
        if (!force) {
            ObjectNode body = MarathonJson.object().put("message", "App is locked by one or more deployments. "
                    + "Override with the option '?force=true'. View details at '/v2/deployments/"
                    + running.get().id() + "'.");
            body.putArray("deployments").addObject().put("id", running.get().id());
            throw new MarathonException(409, body);
        }
        Deployment d = running.get();
        s.deployments.remove(d.id());
        s.store.deleteDeployment(d.id());
        s.events.publish(s.events.event("deployment_failed").put("id", d.id()).set("plan", Views.plan(d)));
    }

    private Change apply(AppDefinition before, AppDefinition after, boolean force) {
        String appId = after != null ? after.id() : before.id();
        conflicts(appId, force);
        if (after == null) {
            s.apps.remove(before.pathId());
            s.store.deleteApp(before.id());
            s.delays.remove(before.pathId());
            s.needs.remove(before.pathId());
            s.queueStats.remove(before.pathId());
            return deploy(before, null, "StopApplication");
        }
        String version = s.nextVersion();
        String action;
        AppDefinition.VersionInfo info;
        if (before == null) {
            action = "StartApplication";
            info = new AppDefinition.VersionInfo(version, version);
        } else if (after.isOnlyScaleOf(before)) {
            action = "ScaleApplication";
            info = new AppDefinition.VersionInfo(version, before.configVersion());
        } else {
            action = "RestartApplication";
            info = new AppDefinition.VersionInfo(version, version);
            s.delay(after.pathId()).reset();
        }
        return deploy(before, withServicePorts(after).withVersion(version, info), action);
    }

    /** As Marathon: a port definition of 0 gets a free service port from 10000-20000 (used by load balancers). */
    private AppDefinition withServicePorts(AppDefinition app) {
        if (app.requirePorts() || app.portDefinitions().stream().noneMatch(p -> p.port() == 0)) {
            return app;
        }
        java.util.Set<Integer> used = new java.util.HashSet<>();
        s.apps.values().stream().filter(a -> !a.pathId().equals(app.pathId()))
                .forEach(a -> a.portDefinitions().forEach(p -> used.add(p.port())));
        app.portDefinitions().forEach(p -> used.add(p.port()));
        int next = SERVICE_PORTS_FROM;
        List<AppDefinition.PortDefinition> defs = new ArrayList<>();
        for (AppDefinition.PortDefinition p : app.portDefinitions()) {
            if (p.port() != 0) {
                defs.add(p);
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

    private Change deploy(AppDefinition before, AppDefinition after, String action) {
        String version = after != null ? after.version() : s.nextVersion();
        Deployment d = new Deployment(UUID.randomUUID().toString(), version,
                after != null ? after.id() : before.id(), action, before, after);
        if (after != null) {
            s.apps.put(after.pathId(), after);
            s.store.saveApp(after);
        }
        s.deployments.put(d.id(), d);
        s.store.saveDeployment(d);
        ObjectNode info = s.events.event("deployment_info");
        info.set("plan", Views.plan(d));
        info.set("currentStep", Views.step(d));
        s.events.publish(info);
        if (after != null) {
            s.events.publish(s.events.event("api_post_event").put("uri", "/v2/apps" + after.id())
                    .set("appDefinition", MarathonJson.tree(after)));
        }
        s.reconcileAll();
        return new Change(d.id(), version, after);
    }
}
