package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.mesos.MesosClient;
import io.plumbery.runtime.marathon.mesos.OfferResources;
import io.plumbery.runtime.marathon.mesos.TaskInfos;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.Constraints;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.marathon.state.MarathonStore;
import io.plumbery.runtime.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Matches each offer against the apps waiting for launches (role, resources of the roles the app accepts, ports,
 * constraints, launch delay): an offer serves the apps of the role it was allocated to (MULTI_ROLE), tasks
 * that fit are launched in one ACCEPT, an offer nothing fits is DECLINEd with refuse_seconds; per app the reasons
 * offers went unused are kept for {@code /v2/queue}. Core thread only.
 */
final class OfferMatcher {
    private final SchedulerState state;
    private final MarathonStore store;
    private final EventBus events;
    private final MasterCalls master;
    private final double declineOfferSeconds;
    private final RolePolicy roles;

    /** A matcher of Marathon's default roles: apps in {@code *}. */
    OfferMatcher(SchedulerState state, MarathonStore store, EventBus events, MasterCalls master,
                 double declineOfferSeconds) {
        this(state, store, events, master, declineOfferSeconds, RolePolicy.DEFAULT);
    }

    OfferMatcher(SchedulerState state, MarathonStore store, EventBus events, MasterCalls master,
                 double declineOfferSeconds, RolePolicy roles) {
        this.state = state;
        this.store = store;
        this.events = events;
        this.master = master;
        this.declineOfferSeconds = declineOfferSeconds;
        this.roles = roles;
    }

    void match(JsonNode offers) {
        long now = System.currentTimeMillis();
        for (JsonNode offer : offers) {
            OfferResources res = new OfferResources(offer);
            ArrayNode launches = Json.MAPPER.createArrayNode();
            for (AppDefinition app : state.apps()) {
                int need = state.launchesNeeded(app.pathId());
                if (need <= 0 || !state.launchOverdue(app.pathId(), now)) {
                    continue;
                }
                QueueStats stats = state.queueStatsToCount(app.pathId());
                stats.processed++;
                String reason = null;
                int launched = 0;
                while (need > 0) {
                    // Marathon's reason for an offer of another role, or without resources of the accepted roles
                    reason = !res.allocationRole().equals(roles.roleOf(app)) ? "UnfulfilledRole"
                            : res.misfit(app, roles.acceptedRoles(app)).orElse(null);
                    if (reason == null) {
                        Constraints.Result c = Constraints.check(app.constraints(),
                                new Constraints.Placement(res.hostname(), res.attributes()), placements(app.pathId()));
                        reason = c.ok() ? null : "UnfulfilledConstraint";
                    }
                    if (reason != null) {
                        break;
                    }
                    launches.add(launch(app, res, now));
                    launched++;
                    need--;
                }
                state.needLaunches(app.pathId(), need);
                if (launched > 0) {
                    stats.lastUsedAt = Instant.now().toString();
                } else if (reason != null) {
                    stats.unused++;
                    stats.lastUnusedAt = Instant.now().toString();
                    stats.reasons.merge(reason, 1, Integer::sum);
                    ObjectNode unused = events.event("unused").put("reason", reason);
                    unused.remove("eventType");
                    unused.putObject("offer").put("id", res.offerId()).put("agentId", res.agentId())
                            .put("hostname", res.hostname());
                    stats.lastUnused.add(unused);
                    if (stats.lastUnused.size() > 10) {
                        stats.lastUnused.remove(0);
                    }
                }
            }
            if (launches.isEmpty()) {
                ObjectNode decline = MesosClient.newCall("DECLINE");
                ObjectNode d = decline.putObject("decline");
                d.putArray("offer_ids").addObject().put("value", res.offerId());
                d.putObject("filters").put("refuse_seconds", declineOfferSeconds);
                master.call(decline);
            } else {
                ObjectNode accept = MesosClient.newCall("ACCEPT");
                ObjectNode a = accept.putObject("accept");
                a.putArray("offer_ids").addObject().put("value", res.offerId());
                a.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch")
                        .set("task_infos", launches);
                a.putObject("filters").put("refuse_seconds", 1.0);
                master.call(accept);
            }
        }
    }

    private ObjectNode launch(AppDefinition app, OfferResources res, long now) {
        String taskId = app.pathId().safeName() + "." + UUID.randomUUID();
        OfferResources.Taken taken = res.take(app, roles.acceptedRoles(app));
        List<Integer> ports = taken.ports();
        ObjectNode info = TaskInfos.build(app, taskId, res, taken);
        MarathonTask task = new MarathonTask(taskId, app.id(), app.version(), app.configVersion(), res.agentId(),
                res.hostname(), Map.copyOf(res.attributes()), List.copyOf(ports), MarathonTask.STAGING,
                Instant.ofEpochMilli(now).toString(), null, now, 0, false);
        store.saveTask(task); // stored before it is launched, as Marathon stores an instance
        state.putTask(task);
        return info;
    }

    List<Constraints.Placement> placements(PathId app) {
        List<Constraints.Placement> out = new ArrayList<>();
        for (MarathonTask t : state.tasksOf(app.toString())) {
            out.add(new Constraints.Placement(t.host(), t.attributes() == null ? Map.of() : t.attributes()));
        }
        return out;
    }

}
