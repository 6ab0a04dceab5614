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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's scheduler: a Mesos framework (through {@link MesosClient} only) that keeps each app at its instance
 * count. All state lives on one thread ({@code marathon-core}); the HTTP API runs its operations there through
 * {@link #onCore(Callable)}. Each change and each tick re-plans every app with {@link AppPlanner}; deployments
 * move on through their steps with {@link DeploymentRunner}.
 */
public final class MarathonScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarathonScheduler.class);
    private static final long KILL_RETRY_MILLIS = 10_000;
    /** As Marathon's task_launch_timeout: a task not running by then is killed and replaced. */
    private static final long LAUNCH_TIMEOUT_MILLIS = 300_000;

    final SchedulerConfig config;
    final MarathonStore store;
    final EventBus events;
    final Map<PathId, AppDefinition> apps = new TreeMap<>();
    final Map<String, MarathonTask> tasks = new LinkedHashMap<>();
    final Map<String, Deployment> deployments = new LinkedHashMap<>();
    final Map<PathId, LaunchDelay> delays = new HashMap<>();
    final Map<PathId, Integer> needs = new HashMap<>();
    final Map<PathId, OfferMatcher.QueueStats> queueStats = new HashMap<>();
    final Map<PathId, ObjectNode> lastFailures = new HashMap<>();
    private final Map<String, Long> killsSent = new HashMap<>();
    private final ScheduledExecutorService core = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "marathon-core");
        t.setDaemon(true);
        return t;
    });
    final HealthMonitor health;
    final DeploymentRunner runner;
    private final OfferMatcher offers;
    private final Operations operations;
    private MesosClient mesos;
    private volatile String frameworkId;
    private volatile boolean subscribed;
    private boolean suppressed;
    private int lastTotalNeed;
    private long lastVersionMillis;
    private long lastReconcile;
    private boolean replanQueued;

    public MarathonScheduler(SchedulerConfig config, MarathonStore store, EventBus events) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.runner = new DeploymentRunner(this);
        this.operations = new Operations(this);
        this.health = new HealthMonitor(this, core);
        this.offers = new OfferMatcher(this);
    }

    /** Loads the stored state and subscribes to the master. */
    public void start() throws Exception {
        onCore(() -> {
            store.apps().forEach(a -> apps.put(a.pathId(), a));
            store.tasks().forEach(t -> tasks.put(t.id(), t));
            store.deployments().forEach(d -> deployments.put(d.id(), d));
            runner.resume();
            frameworkId = store.frameworkId().orElse(null);
            LOG.info("Marathon leader loaded {} apps, {} tasks, {} deployments; framework {}", apps.size(),
                    tasks.size(), deployments.size(), frameworkId);
            return null;
        });
        mesos = new MesosClient(config.master(), this::frameworkInfo, new MesosClient.Listener() {
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
        core.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    public Operations operations() {
        return operations;
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /** host:port of the master this scheduler is subscribed to (or was last). */
    public java.util.Optional<String> masterEndpoint() {
        return mesos == null ? java.util.Optional.empty() : mesos.masterEndpoint();
    }

    public String frameworkId() {
        return frameworkId;
    }

    /** Runs on the core thread and waits (bounded) for the answer; MarathonExceptions pass through. */
    public <T> T onCore(Callable<T> work) {
        try {
            return core.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The scheduler did not answer within 30 s", e);
        }
    }

    private ObjectNode frameworkInfo() {
        ObjectNode fi = Json.object().put("user", config.user()).put("name", config.frameworkName())
                .put("failover_timeout", config.failoverTimeoutSeconds()).put("checkpoint", true)
                .put("hostname", config.hostname());
        if (config.webuiUrl() != null) {
            fi.put("webui_url", config.webuiUrl());
        }
        fi.putArray("roles").add("*");
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
        suppressed = false;
        lastTotalNeed = 0;
        LOG.info("Subscribed as framework {}", id);
        events.publish(events.event("framework_message_event").put("frameworkId", id).put("message", "subscribed"));
        reconcileWithMaster();
        reconcileAll();
    }

    private void reconcileWithMaster() {
        lastReconcile = System.currentTimeMillis();
        if (!tasks.isEmpty()) {
            ObjectNode explicit = MesosClient.newCall("RECONCILE");
            ArrayNode list = explicit.putObject("reconcile").putArray("tasks");
            for (MarathonTask t : tasks.values()) {
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
        String state = status.path("state").asText();
        String agentId = status.path("agent_id").path("value").asText(null);
        if (status.hasNonNull("uuid")) {
            ObjectNode ack = MesosClient.newCall("ACKNOWLEDGE");
            ObjectNode a = ack.putObject("acknowledge");
            a.set("agent_id", status.path("agent_id"));
            a.set("task_id", status.path("task_id"));
            a.put("uuid", status.path("uuid").asText());
            mesos.call(ack);
        }
        MarathonTask task = tasks.get(taskId);
        boolean gone = MarathonTask.isTerminal(state) || state.equals("TASK_UNREACHABLE");
        if (task == null) {
            if (!gone && agentId != null) {
                LOG.info("Killing unknown task {} ({})", taskId, state);
                sendKill(taskId, agentId);
            }
            return;
        }
        long now = System.currentTimeMillis();
        boolean changed = !state.equals(task.state());
        if (changed) {
            events.publish(statusEvent(task, state, status.path("message").asText("")));
        }
        if (gone) {
            tasks.remove(taskId);
            health.forget(taskId);
            killsSent.remove(taskId);
            store.deleteTask(taskId);
            if (state.equals("TASK_UNREACHABLE")) {
                sendKill(taskId, agentId);
            }
            PathId app = PathId.parse(task.appId());
            if (!task.killRequested() && apps.containsKey(app)) {
                delay(app).failed(apps.get(app), now);
                ObjectNode failure = lastFailureOf(task, state, status);
                lastFailures.put(app, failure);
            }
        } else if (changed) {
            MarathonTask updated = task.withState(state, now, Instant.ofEpochMilli(now).toString());
            tasks.put(taskId, updated);
        }
        if (!gone && status.has("healthy")) {
            health.mesosStatus(tasks.get(taskId), status.path("healthy").asBoolean());
        }
        if (!gone && changed) {
            MarathonTask updated = tasks.get(taskId);
            if (updated.isRunning() && !task.isRunning()) {
                store.saveTask(updated);
            }
        }
        replanSoon();
    }

    /** Re-plans once after the events already queued on the core thread (bursts of updates cost one pass). */
    void replanSoon() {
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

    ObjectNode statusEvent(MarathonTask task, String state, String message) {
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
            for (MarathonTask t : List.copyOf(tasks.values())) {
                if (!t.isRunning() && !t.killRequested() && now - t.stagedAtMillis() > LAUNCH_TIMEOUT_MILLIS
                        && (t.state().equals(MarathonTask.STAGING) || t.state().equals("TASK_STARTING"))) {
                    LOG.info("Task {} not running after {} ms: killing it", t.id(), LAUNCH_TIMEOUT_MILLIS);
                    kill(t, "launch timeout");
                }
            }
            for (Map.Entry<String, Long> k : new ArrayList<>(killsSent.entrySet())) {
                MarathonTask t = tasks.get(k.getKey());
                if (t != null && now - k.getValue() > KILL_RETRY_MILLIS) {
                    sendKill(t.id(), t.agentId());
                }
            }
            health.runDue(now);
            reconcileAll();
        } catch (RuntimeException e) {
            LOG.warn("Scheduler tick failed", e);
        }
    }

    boolean ready(MarathonTask t) {
        return health.ready(t);
    }

    List<MarathonTask> tasksOf(String appId) {
        return tasks.values().stream().filter(t -> t.appId().equals(appId)).toList();
    }

    /** Re-plans every app: kills what is to go, sets how many to launch, moves deployments on. */
    void reconcileAll() {
        Set<PathId> complete = new HashSet<>();
        for (AppDefinition app : apps.values()) {
            AppPlanner.Plan plan = AppPlanner.plan(app, tasksOf(app.id()), this::ready);
            plan.kill().forEach(t -> kill(t, "planned"));
            needs.put(app.pathId(), plan.launch());
            if (plan.launch() == 0) {
                queueStats.remove(app.pathId());
            }
            if (plan.complete()) {
                complete.add(app.pathId());
            }
        }
        for (MarathonTask t : List.copyOf(tasks.values())) {
            if (!apps.containsKey(PathId.parse(t.appId())) && !t.killRequested()) {
                kill(t, "app removed");
            }
        }
        runner.advance(complete);
        updateOfferInterest();
    }

    void kill(MarathonTask task, String why) {
        MarathonTask t = tasks.get(task.id());
        if (t == null || t.killRequested()) {
            return;
        }
        LOG.debug("Killing {} ({})", t.id(), why);
        MarathonTask killing = t.killing();
        tasks.put(t.id(), killing);
        store.saveTask(killing);
        sendKill(t.id(), t.agentId());
    }

    void call(ObjectNode call) {
        if (mesos != null) {
            mesos.call(call);
        }
    }

    private void sendKill(String taskId, String agentId) {
        killsSent.put(taskId, System.currentTimeMillis());
        ObjectNode kill = MesosClient.newCall("KILL");
        ObjectNode k = kill.putObject("kill");
        k.putObject("task_id").put("value", taskId);
        if (agentId != null) {
            k.putObject("agent_id").put("value", agentId);
        }
        if (mesos != null) {
            mesos.call(kill);
        }
    }

    LaunchDelay delay(PathId app) {
        return delays.computeIfAbsent(app, k -> new LaunchDelay());
    }

    private void updateOfferInterest() {
        if (!subscribed) {
            return;
        }
        long now = System.currentTimeMillis();
        int total = 0;
        for (Map.Entry<PathId, Integer> e : needs.entrySet()) {
            if (e.getValue() > 0 && delay(e.getKey()).overdue(now)) {
                total += e.getValue();
            }
        }
        if (total > 0 && (suppressed || total > lastTotalNeed)) {
            suppressed = false;
            mesos.call(MesosClient.newCall("REVIVE"));
        } else if (total == 0 && !suppressed) {
            suppressed = true;
            mesos.call(MesosClient.newCall("SUPPRESS"));
        }
        lastTotalNeed = total;
    }

    /** Strictly increasing ISO-8601 versions, as Marathon's. */
    String nextVersion() {
        long now = Math.max(System.currentTimeMillis(), lastVersionMillis + 1);
        lastVersionMillis = now;
        return Instant.ofEpochMilli(now).toString().replaceFirst("(\\.\\d{3})?Z$", "") + "."
                + String.format("%03d", now % 1000) + "Z";
    }

    @Override
    public void close() {
        if (mesos != null) {
            mesos.close();
        }
        health.close();
        core.shutdownNow();
        try {
            core.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
