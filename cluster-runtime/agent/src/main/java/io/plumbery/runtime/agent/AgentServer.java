package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ProtocolVersion;
import io.plumbery.runtime.protocol.TaskInfo;
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

/**
 * An agent process: registers with the leading master, heartbeats, runs tasks (as processes, or in Docker containers
 * when the Docker containerizer is on), recovers from checkpoints.
 */
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
    private final DockerCli docker;
    private AgentCheckpoint checkpoint;
    private ScheduledExecutorService timers;
    private java.util.concurrent.ExecutorService launcher;
    private MasterLocator locator;
    private StatusUpdates updates;
    private HttpServer http;
    private String endpoint;

    public AgentServer(AgentConfig config) {
        this.config = config;
        this.docker = config.docker() == null ? null : new DockerCli(config.docker());
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
        if (docker != null) {
            DockerCli.Result version = docker.serverVersion();
            if (!version.ok()) {
                throw new IllegalStateException("The Docker containerizer is on but the Docker engine does not answer ("
                        + docker.binary() + " version: " + version.lastLine() + ")");
            }
            LOG.info("Docker containerizer on: engine {}", version.stdout().strip());
        }
        checkpoint = new AgentCheckpoint(config.workDir());
        checkpoint.agentId().ifPresent(agentId::set);
        updates = new StatusUpdates(() -> locator == null ? null : locator.endpoint().orElse(null), agentId::get, () -> registered.set(false),
                config.statusRetryInterval());
        updates.start();
        recover();
        removeOrphanContainers();
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
            Path sandbox = Path.of(cp.sandbox());
            CommandTask task = new CommandTask(cp.task(), cp.frameworkId(), agentId.get(), sandbox,
                    containerFor(cp.task(), sandbox), status -> onStatus(cp.frameworkId(), status), timers);
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

    /** Where a task runs: in a Docker container when its ContainerInfo says DOCKER, else as processes. */
    private TaskContainer containerFor(TaskInfo task, Path sandbox) {
        boolean isDocker = task.container() != null && "DOCKER".equals(task.container().path("type").asText());
        return isDocker ? new DockerContainer(docker, task, DockerContainer.name(agentId.get(), sandbox), sandbox)
                : new ProcessContainer(task.command());
    }

    /**
     * Containers named as ours that no recovered task owns (their task ended while no agent ran, or a client was
     * killed): removed, as Mesos does with --docker_kill_orphans.
     */
    private void removeOrphanContainers() {
        if (docker == null || agentId.get() == null) {
            return;
        }
        java.util.Set<String> owned = new java.util.HashSet<>();
        tasks.values().forEach(t -> owned.add(DockerContainer.name(agentId.get(), t.sandbox())));
        for (String name : docker.containersNamed(DockerContainer.prefix(agentId.get()))) {
            if (!owned.contains(name)) {
                LOG.info("Removing orphan container {}", name);
                docker.removeForcibly(name);
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
        List<Attribute> attributes = new ArrayList<>(config.attributes());
        List<String> capabilities = new ArrayList<>(List.of(AgentMessages.BATCHES));
        if (docker != null) {
            capabilities.add(AgentMessages.DOCKER);
            if (attributes.stream().noneMatch(a -> a.name().equals(Attribute.DOCKER.name()))) {
                attributes.add(Attribute.DOCKER);
            }
        }
        AgentInfo info = new AgentInfo(config.hostname(), http.port(), config.resources().toProto(null),
                attributes, Id.of(agentId.get()));
        HttpResponse<String> r = client.post(master, AgentMessages.MASTER_REGISTER,
                new AgentMessages.Register(info, endpoint, ProtocolVersion.MESOS, running, capabilities))
                .get(6, TimeUnit.SECONDS);
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
                containerFor(launch.task(), sandbox), status -> onStatus(launch.frameworkId(), status), timers);
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
