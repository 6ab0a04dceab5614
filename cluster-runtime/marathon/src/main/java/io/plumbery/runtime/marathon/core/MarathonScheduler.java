package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.mesos.MesosClient;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.state.MarathonStore;
import io.plumbery.runtime.protocol.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's scheduler: a Mesos framework (through {@link MesosClient} only) that keeps each app at its instance
 * count. Its {@link SchedulerState} lives on one thread ({@link CoreThread}, {@code marathon-core}), where Mesos
 * events, ticks and the API's {@link Operations} run one at a time. Each change and each tick re-plans every app with
 * {@link AppPlanner}; deployments move on through their steps with {@link DeploymentRunner}. Here are the event loop
 * and the wiring: each collaborator gets the state and what it needs of the scheduler ({@link Replan},
 * {@link MasterCalls}, {@link Killer}, {@link FrameworkStatus}), never the scheduler itself.
 */
public final class MarathonScheduler implements AutoCloseable, FrameworkStatus {
    private static final Logger LOG = LoggerFactory.getLogger(MarathonScheduler.class);
    /** As Marathon's task_launch_timeout: a task not running by then is killed and replaced. */
    private static final long LAUNCH_TIMEOUT_MILLIS = 300_000;

    private final SchedulerConfig config;
    private final MarathonStore store;
    private final EventBus events;
    private final CoreThread core = new CoreThread();
    private final SchedulerState state = new SchedulerState(core);
    private final Replan replan = new Replan() {
        @Override
        public void now() {
            reconcileAll();
        }

        @Override
        public void soon() {
            replanSoon();
        }
    };
    private final TaskKiller killer;
    private final HealthMonitor health;
    private final DeploymentRunner runner;
    private final OfferMatcher offers;
    private final Operations operations;
    private final HttpCallbacks callbacks;
    private MesosClient mesos;
    private volatile String frameworkId;
    private volatile boolean subscribed;
    /**
     * The last of the calls that must reach the master in the order they were made (UPDATE_FRAMEWORK, REVIVE,
     * SUPPRESS): a SUPPRESS overtaken by the REVIVE after it would leave the roles without offers for good.
     */
    private java.util.concurrent.CompletableFuture<Integer> lastInOrder =
            java.util.concurrent.CompletableFuture.completedFuture(0);
    /** The roles the master was last told to send no offers of (SUPPRESS with roles) */
    private final Set<String> suppressed = new java.util.TreeSet<>();
    private int lastTotalNeed;
    private long lastReconcile;
    private boolean replanQueued;
    /** The roles it subscribed with, or is to update to: --mesos_role and its apps' (read by the Mesos client) */
    private volatile List<String> roles;

    public MarathonScheduler(SchedulerConfig config, MarathonStore store, EventBus events) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.killer = new TaskKiller(state, store, this::call);
        GroupHistory history = new GroupHistory(store);
        this.runner = new DeploymentRunner(state, store, events, replan, history);
        this.health = new HealthMonitor(state, events, killer, replan, core);
        this.offers = new OfferMatcher(state, store, events, this::call, config.declineOfferSeconds(), config.roles());
        this.operations = new Operations(core, state, runner, new VersionClock(), store, killer, replan,
                new Snapshots(state, runner, health, this), config.docker(), config.roles(), history);
        this.callbacks = config.httpEndpoints() == null ? null
                : new HttpCallbacks(store, events, config.httpEndpoints());
    }

    /** Loads the stored state and subscribes to the master. */
    public void start() throws Exception {
        if (callbacks != null) {
            callbacks.start();
        }
        core.call(() -> {
            store.apps().forEach(state::putApp);
            store.groups().forEach(state::putGroup);
            store.tasks().forEach(state::putTask);
            store.deployments().forEach(state::putDeployment);
            runner.resume();
            frameworkId = store.frameworkId().orElse(null);
            roles = config.roles().frameworkRoles(state.apps());
            LOG.info("Marathon leader loaded {} apps, {} groups, {} tasks, {} deployments; framework {}",
                    state.apps().size(), state.groups().size(), state.tasks().size(), state.deployments().size(),
                    frameworkId);
            return null;
        });
        mesos = new MesosClient(config.master(), config.credential(), this::frameworkInfo, new MesosClient.Listener() {
            @Override
            public void subscribed(String id, JsonNode info) {
                core.execute(() -> onSubscribed(id));
            }

            @Override
            public void event(JsonNode event) {
                core.execute(() -> onEvent(event));
            }

            @Override
            public void disconnected(String why) {
                core.execute(() -> subscribed = false);
            }
        });
        mesos.start();
        long tick = config.tick().toMillis();
        core.everyMillis(tick, this::tick);
    }

    public Operations operations() {
        return operations;
    }

    /** The {@code http_callback} event subscriber, when Marathon runs with it. */
    public java.util.Optional<HttpCallbacks> callbacks() {
        return java.util.Optional.ofNullable(callbacks);
    }

    @Override
    public boolean isSubscribed() {
        return subscribed;
    }

    /** host:port of the master this scheduler is subscribed to (or was last). */
    public java.util.Optional<String> masterEndpoint() {
        return mesos == null ? java.util.Optional.empty() : mesos.masterEndpoint();
    }

    @Override
    public String frameworkId() {
        return frameworkId;
    }

    private ObjectNode frameworkInfo() {
        ObjectNode fi = Json.object().put("user", config.user()).put("name", config.frameworkName())
                .put("failover_timeout", config.failoverTimeoutSeconds()).put("checkpoint", true)
                .put("hostname", config.hostname());
        if (config.webuiUrl() != null) {
            fi.put("webui_url", config.webuiUrl());
        }
        if (config.principal() != null) {
            fi.put("principal", config.principal());
        }
        ArrayNode subscribed = fi.putArray("roles");
        roles.forEach(subscribed::add);
        ArrayNode caps = fi.putArray("capabilities");
        for (String c : new String[] {"MULTI_ROLE", "PARTITION_AWARE", "TASK_KILLING_STATE"}) {
            caps.addObject().put("type", c);
        }
        String id = frameworkId;
        if (id != null) {
            fi.putObject("id").put("value", id);
        }
        return fi;
    }

    // ---- Mesos events (core thread) ----

    private void onSubscribed(String id) {
        if (!id.equals(frameworkId)) {
            frameworkId = id;
            store.saveFrameworkId(id);
        }
        subscribed = true;
        suppressed.clear();
        lastTotalNeed = 0;
        LOG.info("Subscribed as framework {}", id);
        events.publish(events.event("scheduler_registered_event").put("frameworkId", id)
                .put("master", mesos.masterEndpoint().orElse(null)));
        events.publish(events.event("framework_message_event").put("frameworkId", id).put("message", "subscribed"));
        reconcileWithMaster();
        reconcileAll();
    }

    private void reconcileWithMaster() {
        lastReconcile = System.currentTimeMillis();
        if (!state.tasks().isEmpty()) {
            ObjectNode explicit = MesosClient.newCall("RECONCILE");
            ArrayNode list = explicit.putObject("reconcile").putArray("tasks");
            for (MarathonTask t : state.tasks()) {
                ObjectNode rt = list.addObject();
                rt.putObject("task_id").put("value", t.id());
                if (t.agentId() != null) {
                    rt.putObject("agent_id").put("value", t.agentId());
                }
            }
            mesos.call(explicit);
        }
        ObjectNode implicit = MesosClient.newCall("RECONCILE");
        implicit.putObject("reconcile").putArray("tasks");
        mesos.call(implicit);
    }

    private void onEvent(JsonNode event) {
        try {
            switch (event.path("type").asText()) {
                case "OFFERS" -> {
                    offers.match(event.path("offers").path("offers"));
                    updateOfferInterest();
                }
                case "UPDATE" -> onUpdate(event.path("update").path("status"));
                case "FAILURE", "RESCIND", "HEARTBEAT" -> { }
                default -> LOG.debug("Ignoring event {}", event.path("type").asText());
            }
        } catch (RuntimeException e) {
            LOG.warn("Handling {} failed", event.path("type").asText(), e);
        }
    }

    private void onUpdate(JsonNode status) {
        String taskId = status.path("task_id").path("value").asText();
        String newState = status.path("state").asText();
        String agentId = status.path("agent_id").path("value").asText(null);
        if (status.hasNonNull("uuid")) {
            ObjectNode ack = MesosClient.newCall("ACKNOWLEDGE");
            ObjectNode a = ack.putObject("acknowledge");
            a.set("agent_id", status.path("agent_id"));
            a.set("task_id", status.path("task_id"));
            a.put("uuid", status.path("uuid").asText());
            mesos.call(ack);
        }
        MarathonTask task = state.task(taskId);
        boolean gone = MarathonTask.isTerminal(newState) || newState.equals("TASK_UNREACHABLE");
        if (task == null) {
            if (!gone && agentId != null) {
                LOG.info("Killing unknown task {} ({})", taskId, newState);
                killer.sendKill(taskId, agentId);
            }
            return;
        }
        long now = System.currentTimeMillis();
        boolean changed = !newState.equals(task.state());
        if (changed) {
            events.publish(statusEvent(task, newState, status.path("message").asText("")));
            events.publish(InstanceEvents.changed(events, task, newState));
        }
        if (gone) {
            state.removeTask(taskId);
            health.forget(taskId);
            killer.forget(taskId);
            store.deleteTask(taskId);
            if (newState.equals("TASK_UNREACHABLE")) {
                killer.sendKill(taskId, agentId);
            }
            AppDefinition app = state.appOf(task);
            if (!task.killRequested() && app != null) {
                state.recordFailure(app, lastFailureOf(task, newState, status), now);
            }
        } else if (changed) {
            state.putTask(task.withState(newState, now, Instant.ofEpochMilli(now).toString()));
        }
        if (!gone && status.has("healthy")) {
            health.mesosStatus(state.task(taskId), status.path("healthy").asBoolean());
        }
        if (!gone && changed) {
            MarathonTask updated = state.task(taskId);
            if (updated.isRunning() && !task.isRunning()) {
                store.saveTask(updated);
            }
        }
        replanSoon();
    }

    /** Re-plans once after the events already queued on the core thread (bursts of updates cost one pass). */
    private void replanSoon() {
        if (!replanQueued) {
            replanQueued = true;
            core.execute(() -> {
                replanQueued = false;
                reconcileAll();
            });
        }
    }

    private static ObjectNode lastFailureOf(MarathonTask task, String state, JsonNode status) {
        ObjectNode f = io.plumbery.runtime.marathon.model.MarathonJson.object();
        f.put("appId", task.appId()).put("host", task.host()).put("message", status.path("message").asText(""))
                .put("state", state).put("taskId", task.id()).put("timestamp", Instant.now().toString())
                .put("version", task.version()).put("slaveId", task.agentId());
        return f;
    }

    private ObjectNode statusEvent(MarathonTask task, String state, String message) {
        ObjectNode e = events.event("status_update_event").put("slaveId", task.agentId()).put("taskId", task.id())
                .put("taskStatus", state).put("message", message).put("appId", task.appId()).put("host", task.host())
                .put("version", task.version());
        ArrayNode ports = e.putArray("ports");
        task.ports().forEach(ports::add);
        e.putArray("ipAddresses");
        return e;
    }

    // ---- planning loop (core thread) ----

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            if (subscribed && now - lastReconcile > config.reconciliationInterval().toMillis()) {
                reconcileWithMaster();
            }
            for (MarathonTask t : List.copyOf(state.tasks())) {
                if (!t.isRunning() && !t.killRequested() && now - t.stagedAtMillis() > LAUNCH_TIMEOUT_MILLIS
                        && (t.state().equals(MarathonTask.STAGING) || t.state().equals("TASK_STARTING"))) {
                    LOG.info("Task {} not running after {} ms: killing it", t.id(), LAUNCH_TIMEOUT_MILLIS);
                    killer.kill(t, "launch timeout");
                }
            }
            killer.retryUnanswered(now);
            health.runDue(now);
            reconcileAll();
        } catch (RuntimeException e) {
            LOG.warn("Scheduler tick failed", e);
        }
    }

    /** Re-plans every app: kills what is to go, sets how many to launch, moves deployments on. */
    private void reconcileAll() {
        Set<PathId> complete = new HashSet<>();
        for (AppDefinition app : state.apps()) {
            AppPlanner.Plan plan = AppPlanner.plan(app, state.tasksOf(app.id()), health::ready);
            plan.kill().forEach(t -> killer.kill(t, "planned"));
            state.needLaunches(app.pathId(), plan.launch());
            if (plan.launch() == 0) {
                state.leftQueue(app.pathId());
            }
            if (plan.complete()) {
                complete.add(app.pathId());
            }
        }
        for (MarathonTask t : List.copyOf(state.tasks())) {
            if (!state.hasApp(PathId.parse(t.appId())) && !t.killRequested()) {
                killer.kill(t, "app removed");
            }
        }
        runner.advance(complete);
        updateRoles();
        updateOfferInterest();
    }

    /**
     * As Marathon 1.9: when its apps' roles change, the framework tells the master with UPDATE_FRAMEWORK (a MULTI_ROLE
     * framework is offered resources of each of its roles), and asks for offers again.
     */
    private void updateRoles() {
        List<String> now = config.roles().frameworkRoles(state.apps());
        if (now.equals(roles)) {
            return;
        }
        roles = now;
        if (subscribed) {
            LOG.info("Framework roles now {}", now);
            ObjectNode update = MesosClient.newCall("UPDATE_FRAMEWORK");
            update.putObject("update_framework").set("framework_info", frameworkInfo());
            inOrder(update);
            lastTotalNeed = 0; // so that the next look at the queue revives the roles that want offers
        }
    }

    private void call(ObjectNode call) {
        if (mesos != null) {
            mesos.call(call);
        }
    }

    private void updateOfferInterest() {
        if (!subscribed) {
            return;
        }
        long now = System.currentTimeMillis();
        int total = state.launchesWanted(now);
        Set<String> wanting = new java.util.TreeSet<>();
        for (AppDefinition app : state.apps()) {
            if (state.launchesNeeded(app.pathId()) > 0 && state.delay(app.pathId()).overdue(now)) {
                wanting.add(config.roles().roleOf(app));
            }
        }
        if (total > 0 && (!java.util.Collections.disjoint(suppressed, wanting) || total > lastTotalNeed)) {
            suppressed.removeAll(wanting);
            inOrder(offerInterest("REVIVE", wanting));
        }
        Set<String> idle = new java.util.TreeSet<>(roles);
        idle.removeAll(wanting);
        if (!suppressed.containsAll(idle)) { // as Marathon 1.9: no offers of roles that no app needs now
            suppressed.addAll(idle);
            inOrder(offerInterest("SUPPRESS", idle));
        }
        lastTotalNeed = total;
    }

    /** Sends the call once the previous one sent in order was answered (or failed). */
    private void inOrder(ObjectNode call) {
        MesosClient client = mesos;
        lastInOrder = lastInOrder.handle((status, failure) -> null).thenCompose(ignored -> client.call(call));
    }

    /** REVIVE or SUPPRESS of these roles. */
    private static ObjectNode offerInterest(String type, Set<String> roles) {
        ObjectNode call = MesosClient.newCall(type);
        ArrayNode list = call.putObject(type.toLowerCase(java.util.Locale.ROOT)).putArray("roles");
        roles.forEach(list::add);
        return call;
    }

    @Override
    public void close() {
        if (mesos != null) {
            mesos.close();
        }
        health.close();
        if (callbacks != null) {
            callbacks.close();
        }
        core.close();
    }
}
