package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Marathon 1.x JSON shapes of apps, tasks, deployments and queue items. */
public final class Views {
    public static final String COUNTS = "counts";
    public static final String DEPLOYMENTS = "deployments";
    private Views() {
    }

    /** A plan as in deployment events: id, version, steps, and the changed apps before and after. */
    public static ObjectNode plan(Deployment d) {
        ObjectNode plan = MarathonJson.object().put("id", d.id()).put("version", d.version());
        plan.set("original", group(d.originals().values()));
        plan.set("target", group(d.targets().values()));
        ArrayNode steps = plan.putArray("steps");
        d.steps().forEach(s -> steps.add(step(s)));
        return plan;
    }

    private static ObjectNode group(Collection<AppDefinition> apps) {
        ObjectNode g = MarathonJson.object().put("id", "/");
        ArrayNode list = g.putArray("apps");
        apps.forEach(a -> list.add(MarathonJson.tree(a)));
        g.putArray("groups");
        return g;
    }

    public static ObjectNode step(Deployment.Step step) {
        ObjectNode out = MarathonJson.object();
        ArrayNode actions = out.putArray("actions");
        if (step != null) {
            step.actions().forEach(a -> actions.addObject().put("action", a.action()).put("app", a.app()));
        }
        return out;
    }

    /** A running deployment as {@code GET /v2/deployments} lists it (Marathon's DeploymentStepInfo). */
    public static ObjectNode deployment(Deployment d) {
        ObjectNode out = MarathonJson.object().put("id", d.id()).put("version", d.version());
        ArrayNode affected = out.putArray("affectedApps");
        d.affectedApps().forEach(affected::add);
        out.putArray("affectedPods");
        ArrayNode steps = out.putArray("steps");
        d.steps().forEach(s -> steps.add(step(s)));
        ArrayNode current = out.putArray("currentActions");
        if (d.current() != null) {
            for (Deployment.Action a : d.current().actions()) {
                current.addObject().put("action", a.action()).put("app", a.app()).putArray("readinessCheckResults");
            }
        }
        out.put("currentStep", d.currentStep()).put("totalSteps", d.steps().size());
        return out;
    }

    public static ArrayNode healthResults(MarathonTask t, HealthState[] states) {
        ArrayNode out = MarathonJson.MAPPER.createArrayNode();
        for (HealthState hs : states) {
            ObjectNode r = out.addObject();
            if (hs.alive() != null) {
                r.put("alive", hs.alive());
            } else {
                r.putNull("alive");
            }
            r.put("consecutiveFailures", hs.consecutiveFailures()).put("firstSuccess", hs.firstSuccess())
                    .put("lastFailure", hs.lastFailure()).put("lastSuccess", hs.lastSuccess())
                    .put("lastFailureCause", hs.lastFailureCause()).put("taskId", t.id()).put("instanceId", t.id());
        }
        return out;
    }

    public static ObjectNode task(MarathonTask t, Snapshot snap) {
        ObjectNode out = MarathonJson.object().put("id", t.id()).put("appId", t.appId()).put("host", t.host())
                .put("slaveId", t.agentId()).put("state", t.state()).put("stagedAt", t.stagedAt())
                .put("startedAt", t.startedAt()).put("version", t.version());
        java.util.Optional<AppDefinition> app = snap.apps().stream().filter(a -> a.id().equals(t.appId())).findFirst();
        out.put("role", app.map(Views::role).orElse("*"));
        ArrayNode ports = out.putArray("ports");
        t.ports().forEach(ports::add);
        ArrayNode servicePorts = out.putArray("servicePorts");
        app.ifPresent(a -> a.portDefinitions().forEach(p -> servicePorts.add(p.port())));
        out.putArray("ipAddresses");
        ArrayNode hc = snap.healthResults().get(t.id());
        if (hc != null) {
            out.set("healthCheckResults", hc);
        }
        return out;
    }

    /** An app with counts and deployments; tasks and lastTaskFailure when embedded. */
    public static ObjectNode app(AppDefinition app, Snapshot snap, Set<String> embed) {
        Set<String> all = new HashSet<>(embed);
        all.add(COUNTS);
        all.add(DEPLOYMENTS);
        return appInfo(app, snap, all);
    }

    /**
     * An app with what {@code embed} names of Marathon's AppInfo: {@code counts} (tasksStaged, tasksRunning, ...),
     * {@code deployments}, {@code tasks}, {@code lastTaskFailure}.
     */
    public static ObjectNode appInfo(AppDefinition app, Snapshot snap, Set<String> embed) {
        ObjectNode out = MarathonJson.tree(app);
        List<MarathonTask> tasks = snap.tasksOf(app.id());
        if (embed.contains(COUNTS)) {
            counts(out, app, tasks, snap);
        }
        if (embed.contains(DEPLOYMENTS)) {
            ArrayNode deployments = out.putArray("deployments");
            snap.deploymentsOf(app.id()).forEach(d -> deployments.addObject().put("id", d.id()));
        }
        if (embed.contains("tasks")) {
            ArrayNode arr = out.putArray("tasks");
            tasks.forEach(t -> arr.add(task(t, snap)));
        }
        if (embed.contains("lastTaskFailure") && snap.lastFailures().containsKey(app.id())) {
            out.set("lastTaskFailure", snap.lastFailures().get(app.id()));
        }
        return out;
    }

    private static void counts(ObjectNode out, AppDefinition app, List<MarathonTask> tasks, Snapshot snap) {
        boolean hasChecks = !app.healthChecks().isEmpty();
        int staged = 0;
        int running = 0;
        int healthy = 0;
        int unhealthy = 0;
        for (MarathonTask t : tasks) {
            if (t.isRunning()) {
                running++;
                ArrayNode hc = snap.healthResults().get(t.id());
                boolean anyDead = hc != null && hc.findValues("alive").stream().anyMatch(v -> v.isBoolean() && !v.asBoolean());
                if (hasChecks && Boolean.TRUE.equals(snap.ready().get(t.id()))) {
                    healthy++;
                } else if (hasChecks && anyDead) {
                    unhealthy++;
                }
            } else if (!MarathonTask.isTerminal(t.state())) {
                staged++;
            }
        }
        out.put("tasksStaged", staged).put("tasksRunning", running).put("tasksHealthy", healthy)
                .put("tasksUnhealthy", unhealthy);
    }

    /** The role of an app's tasks; {@code *} for one stored before apps had roles (that Marathon ran them in *). */
    private static String role(AppDefinition app) {
        return app.role() == null ? "*" : app.role();
    }

    static ObjectNode queueItem(AppDefinition app, int count, LaunchDelay delay, long now, QueueStats stats) {
        ObjectNode item = MarathonJson.object().put("count", count).put("role", role(app));
        item.set("app", MarathonJson.tree(app));
        item.putObject("delay").put("timeLeftSeconds", (long) Math.ceil(delay.timeLeftSeconds(now)))
                .put("overdue", delay.overdue(now));
        item.put("since", stats == null ? Instant.ofEpochMilli(now).toString() : stats.since);
        ObjectNode summary = item.putObject("processedOffersSummary");
        summary.put("processedOffersCount", stats == null ? 0 : stats.processed)
                .put("unusedOffersCount", stats == null ? 0 : stats.unused);
        if (stats != null) {
            summary.put("lastUnusedOfferAt", stats.lastUnusedAt).put("lastUsedOfferAt", stats.lastUsedAt);
        }
        ArrayNode reasons = summary.putArray("rejectSummaryLastOffers");
        if (stats != null) {
            for (Map.Entry<String, Integer> e : stats.reasons.entrySet()) {
                reasons.addObject().put("reason", e.getKey()).put("declined", e.getValue())
                        .put("processed", stats.processed);
            }
        }
        ArrayNode unused = item.putArray("lastUnusedOffers");
        if (stats != null) {
            stats.lastUnused.forEach(u -> unused.add(u.deepCopy()));
        }
        return item;
    }
}
