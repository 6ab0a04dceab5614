package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An agent process: registers with the leading master, heartbeats, runs command tasks, recovers from checkpoints. */
public final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    private static final int COMPLETED_LIMIT = 1000;

    private final AgentConfig config;
    private final Map<String, CommandTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, FrameworkInfo> frameworks = new ConcurrentHashMap<>();
    private final List<CommandTask> completed = new ArrayList<>();
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicReference<String> agentId = new AtomicReference<>();
    private final AtomicReference<String> registeredWith = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final JsonClient client = new JsonClient(Duration.ofSeconds(5));
    private final Fetcher fetcher = new Fetcher();
    private AgentCheckpoint checkpoint;
    private ScheduledExecutorService timers;
    private java.util.concurrent.ExecutorService launcher;
    private MasterLocator locator;
    private StatusUpdates updates;
    private HttpServer http;
    private String endpoint;

    public AgentServer(AgentConfig config) {
        this.config = config;
    }

    public void start() throws Exception {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "agent-" + config.port());
            t.setDaemon(true);
            return t;
        });
        launcher = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "launcher-" + config.port());
            t.setDaemon(true);
            return t;
        });
        checkpoint = new AgentCheckpoint(config.workDir());
        checkpoint.agentId().ifPresent(agentId::set);
        updates = new StatusUpdates(() -> locator == null ? null : locator.endpoint().orElse(null), agentId::get, () -> registered.set(false),
                config.statusRetryInterval());
        updates.start();
        recover();
        Router router = new Router();
        new AgentApi(this).register(router);
        http = new HttpServer("agent", config.ip(), config.port(), router);
        http.start();
        endpoint = config.ip() + ":" + http.port();
        locator = new MasterLocator(config.master(), (int) config.zkSessionTimeout().toMillis(), () -> {
            registered.set(false);
            timers.execute(this::tick);
        });
        locator.start();
        long hb = config.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::tick, 0, hb, TimeUnit.MILLISECONDS);
    }

    private void recover() {
        for (AgentCheckpoint.TaskCheckpoint cp : checkpoint.tasks()) {
            frameworks.put(cp.frameworkId(), cp.frameworkInfo());
            if (cp.latest() != null && cp.latest().state().isTerminal()) {
                LOG.info("Re-sending unacknowledged {} of task {}", cp.latest().state(), cp.task().taskId());
                updates.submit(cp.frameworkId(), cp.latest());
                continue;
            }
            CommandTask task = new CommandTask(cp.task(), cp.frameworkId(), agentId.get(), Path.of(cp.sandbox()),
                    status -> onStatus(cp.frameworkId(), status), timers);
            frameworks.put(cp.frameworkId(), cp.frameworkInfo());
            task.reportKillingState(killingState(cp.frameworkInfo()));
            tasks.put(key(cp.frameworkId(), cp.task().taskId().value()), task);
            Optional<ProcessHandle> alive = ProcessHandle.of(cp.pid()).filter(ProcessHandle::isAlive);
            if (alive.isPresent()) {
                LOG.info("Recovered task {} (pid {})", cp.task().taskId(), cp.pid());
                task.reattach(alive.get(), config.hostname());
            } else {
                LOG.info("Task {} ended while the agent was down", cp.task().taskId());
                task.recoverEnded();
            }
        }
    }

    private synchronized void tick() {
        Optional<String> master = locator == null ? Optional.empty() : locator.endpoint();
        if (master.isEmpty()) {
            return;
        }
        try {
            if (!registered.get() || !master.get().equals(registeredWith.get())) {
                register(master.get());
            } else {
                heartbeat(master.get());
            }
            updates.retry(false);
        } catch (Exception e) {
            LOG.debug("Master {} not reachable: {}", master.get(), e.toString());
            registered.set(false);
        }
    }

    private void register(String master) throws Exception {
        // Every task not yet acknowledged as terminal, from the checkpoints (live ones and those that ended).
        List<AgentMessages.RunningTask> running = new ArrayList<>();
        for (AgentCheckpoint.TaskCheckpoint cp : checkpoint.tasks()) {
            running.add(new AgentMessages.RunningTask(cp.frameworkId(), cp.frameworkInfo(), cp.task(), cp.latest()));
        }
        AgentInfo info = new AgentInfo(config.hostname(), http.port(), config.resources().toProto(null),
                config.attributes(), Id.of(agentId.get()));
        HttpResponse<String> r = client.post(master, AgentMessages.MASTER_REGISTER,
                new AgentMessages.Register(info, endpoint, MasterConfig.VERSION, running,
                        List.of(AgentMessages.BATCHES))).get(6, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            LOG.info("Registration with {} refused: {} {}", master, r.statusCode(), r.body());
            return;
        }
        AgentMessages.Registered reply = Json.read(r.body(), AgentMessages.Registered.class);
        agentId.set(reply.agentId());
        checkpoint.saveAgentId(reply.agentId());
        registeredWith.set(master);
        registered.set(true);
        LOG.info("Agent {} registered with master {} ({} tasks)", reply.agentId(), master, running.size());
        updates.retry(true);
    }

    private void heartbeat(String master) throws Exception {
        HttpResponse<String> r = client.post(master, AgentMessages.MASTER_HEARTBEAT,
                new AgentMessages.Heartbeat(agentId.get())).get(6, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            registered.set(false);
            timers.execute(this::tick);
        }
    }

    void launch(AgentMessages.Launch launch) {
        String k = key(launch.frameworkId(), launch.task().taskId().value());
        if (tasks.containsKey(k)) {
            return;
        }
        frameworks.put(launch.frameworkId(), launch.frameworkInfo());
        Path sandbox = config.workDir().resolve("slaves").resolve(agentId.get()).resolve("frameworks")
                .resolve(launch.frameworkId()).resolve("executors").resolve(launch.task().taskId().value())
                .resolve("runs").resolve(java.util.UUID.randomUUID().toString());
        CommandTask task = new CommandTask(launch.task(), launch.frameworkId(), agentId.get(), sandbox,
                status -> onStatus(launch.frameworkId(), status), timers);
        task.reportKillingState(killingState(launch.frameworkInfo()));
        tasks.put(k, task);
        launcher.execute(() -> task.launch(config.hostname(), fetcher));
    }

    private void onStatus(String frameworkId, TaskStatus status) {
        if (!started.get()) {
            return; // detached: the next agent on this work_dir reports what happens to the task
        }
        String k = key(frameworkId, status.taskId().value());
        CommandTask task = tasks.get(k);
        if (task != null) {
            try {
                checkpoint.saveTask(new AgentCheckpoint.TaskCheckpoint(frameworkId, frameworks.get(frameworkId),
                        task.task(), task.pid(), task.sandbox().toString(), status));
            } catch (java.io.UncheckedIOException e) {
                LOG.warn("Could not checkpoint {} of task {}: {}", status.state(), status.taskId(), e.toString());
            }
            if (status.state().isTerminal()) {
                tasks.remove(k);
                synchronized (completed) {
                    completed.add(task);
                    if (completed.size() > COMPLETED_LIMIT) {
                        completed.remove(0);
                    }
                }
            }
        }
        updates.submit(frameworkId, status);
    }

    void kill(AgentMessages.Kill kill) {
        CommandTask task = tasks.get(key(kill.frameworkId(), kill.taskId()));
        if (task == null) {
            updates.submit(kill.frameworkId(), TaskStatus.of(Id.of(kill.taskId()),
                    io.plumbery.runtime.protocol.TaskState.TASK_LOST, Id.of(agentId.get()), TaskStatus.SOURCE_AGENT,
                    "REASON_TASK_UNKNOWN", "Cannot kill an unknown task", true));
            return;
        }
        long grace = kill.gracePeriodNanos() != null ? kill.gracePeriodNanos() : config.defaultGracePeriod().toNanos();
        task.kill(grace);
    }

    /** An acknowledged terminal update ends the task's checkpoint. */
    void acknowledge(AgentMessages.Ack ack) {
        updates.acknowledged(ack.uuid());
        checkpoint.task(ack.frameworkId(), ack.taskId())
                .filter(cp -> cp.latest() != null && cp.latest().state().isTerminal()
                        && ack.uuid().equals(cp.latest().uuid()))
                .ifPresent(cp -> checkpoint.removeTask(ack.frameworkId(), ack.taskId()));
    }

    void shutdownFramework(String frameworkId) {
        updates.forgetFramework(frameworkId);
        for (CommandTask t : tasks.values()) {
            if (t.frameworkId().equals(frameworkId)) {
                t.kill(config.defaultGracePeriod().toNanos());
            }
        }
    }

    private static boolean killingState(FrameworkInfo info) {
        return info != null && info.hasCapability("TASK_KILLING_STATE");
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }

    Collection<CommandTask> liveTasks() {
        return tasks.values();
    }

    List<CommandTask> completedTasks() {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }

    Map<String, FrameworkInfo> frameworks() {
        return frameworks;
    }

    AgentConfig config() {
        return config;
    }

    public Optional<String> agentId() {
        return Optional.ofNullable(agentId.get());
    }

    public boolean isRegistered() {
        return registered.get();
    }

    public String registeredWith() {
        return registeredWith.get();
    }

    public int port() {
        return http.port();
    }

    String endpoint() {
        return endpoint;
    }

    Optional<String> masterHostname() {
        return locator.leaderHostname();
    }

    /** Stops the agent and leaves its tasks running, to be recovered by the next agent on this work_dir. */
    public void detach() throws Exception {
        if (!started.getAndSet(false)) {
            return;
        }
        locator.close();
        updates.close();
        http.close();
        timers.shutdownNow();
        launcher.shutdownNow();
    }

    /** Stops the agent and kills its tasks (SIGKILL, no grace). */
    @Override
    public void close() throws Exception {
        detach();
        for (CommandTask t : tasks.values()) {
            t.destroyNow();
        }
    }
}
