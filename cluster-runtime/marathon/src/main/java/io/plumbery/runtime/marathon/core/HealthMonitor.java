package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of running tasks. HTTP/HTTPS/TCP checks are run by Marathon against the task's host and port at each
 * check's interval; failures within gracePeriodSeconds before a first success do not count; after
 * maxConsecutiveFailures the task is killed (and the planner replaces it). COMMAND and MESOS_* checks are given to
 * Mesos in the TaskInfo, and their result is the {@code healthy} field of the task's status updates.
 * Core thread only (results come back through the core executor).
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private final SchedulerState state;
    private final EventBus events;
    private final Killer killer;
    private final Replan replan;
    private final Executor core;
    private final HealthChecks checks = new HealthChecks();
    private final Map<String, HealthState[]> states = new HashMap<>();
    private final Map<String, Boolean> mesosHealthy = new HashMap<>();

    HealthMonitor(SchedulerState state, EventBus events, Killer killer, Replan replan, Executor core) {
        this.state = state;
        this.events = events;
        this.killer = killer;
        this.replan = replan;
        this.core = core;
    }

    HealthState[] states(String taskId) {
        return states.get(taskId);
    }

    void forget(String taskId) {
        states.remove(taskId);
        mesosHealthy.remove(taskId);
    }

    /** A running task that passes every health check of its app (none: running is enough). */
    boolean ready(MarathonTask t) {
        if (!t.isRunning()) {
            return false;
        }
        AppDefinition app = state.appOf(t);
        if (app == null || app.healthChecks().isEmpty()) {
            return true;
        }
        HealthState[] st = states.get(t.id());
        for (int i = 0; i < app.healthChecks().size(); i++) {
            if (HealthChecks.runsHere(app.healthChecks().get(i))) {
                if (st == null || st.length != app.healthChecks().size() || !Boolean.TRUE.equals(st[i].alive)) {
                    return false;
                }
            } else if (Boolean.FALSE.equals(mesosHealthy.get(t.id()))) {
                return false;
            }
        }
        return true;
    }

    /** The {@code healthy} field of a Mesos status update (checks Mesos runs). */
    void mesosStatus(MarathonTask t, Boolean healthy) {
        if (healthy == null) {
            return;
        }
        Boolean before = mesosHealthy.put(t.id(), healthy);
        if (!healthy.equals(before)) {
            changed(t, healthy);
        }
    }

    /** Starts the checks that are due. */
    void runDue(long now) {
        for (MarathonTask t : state.tasks()) {
            AppDefinition app = state.appOf(t);
            if (app == null || !t.isRunning() || t.killRequested() || app.healthChecks().isEmpty()) {
                continue;
            }
            HealthState[] st = states.get(t.id());
            if (st == null || st.length != app.healthChecks().size()) {
                st = new HealthState[app.healthChecks().size()];
                for (int i = 0; i < st.length; i++) {
                    st[i] = new HealthState();
                }
                states.put(t.id(), st);
            }
            for (int i = 0; i < st.length; i++) {
                AppDefinition.HealthCheck hc = app.healthChecks().get(i);
                HealthState hs = st[i];
                if (!HealthChecks.runsHere(hc) || hs.inFlight || now < hs.nextCheckAt) {
                    continue;
                }
                hs.inFlight = true;
                hs.nextCheckAt = now + hc.intervalSeconds() * 1000L;
                int index = i;
                checks.run(hc, t).thenAccept(o -> core.execute(() -> result(t.id(), index, hc, o)));
            }
        }
    }

    private void result(String taskId, int index, AppDefinition.HealthCheck hc, HealthChecks.Outcome o) {
        MarathonTask t = state.task(taskId);
        HealthState[] st = states.get(taskId);
        if (t == null || st == null || index >= st.length) {
            return;
        }
        HealthState hs = st[index];
        hs.inFlight = false;
        boolean inGrace = System.currentTimeMillis() - t.startedAtMillis() < hc.gracePeriodSeconds() * 1000L;
        if (hs.record(o.alive(), o.cause(), inGrace) && hs.alive != null) {
            changed(t, hs.alive);
        }
        if (!o.alive() && hs.alive != null) {
            ObjectNode failed = events.event("failed_health_check_event").put("appId", t.appId())
                    .put("taskId", t.id()).put("instanceId", t.id());
            failed.set("healthCheck", MarathonJson.tree(hc));
            events.publish(failed);
        }
        if (hc.maxConsecutiveFailures() > 0 && hs.consecutiveFailures >= hc.maxConsecutiveFailures()
                && !t.killRequested()) {
            LOG.info("Task {} failed {} health checks in a row: killing it", t.id(), hs.consecutiveFailures);
            events.publish(events.event("unhealthy_task_kill_event").put("appId", t.appId()).put("taskId", t.id())
                    .put("instanceId", t.id()).put("version", t.version())
                    .put("reason", String.valueOf(hs.lastFailureCause)).put("host", t.host())
                    .put("slaveId", t.agentId()));
            killer.kill(t, "unhealthy");
        }
        replan.soon();
    }

    private void changed(MarathonTask t, boolean alive) {
        events.publish(events.event("health_status_changed_event").put("appId", t.appId()).put("taskId", t.id())
                .put("instanceId", t.id()).put("version", t.version()).put("alive", alive));
    }

    @Override
    public void close() {
        checks.close();
    }
}
