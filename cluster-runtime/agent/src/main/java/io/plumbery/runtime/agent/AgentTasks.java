package io.plumbery.runtime.agent;

import io.plumbery.runtime.images.ImageStore;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's tasks: launched each in a sandbox of its own, killed, their status updates checkpointed and sent to the
 * master until acknowledged. The last tasks that ended are kept for the state endpoints.
 */
final class AgentTasks {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTasks.class);
    private static final int COMPLETED_LIMIT = 1000;

    private final Map<String, CommandTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, FrameworkInfo> frameworks = new ConcurrentHashMap<>();
    private final List<CommandTask> completed = new ArrayList<>();
    private final Map<TaskState, LongAdder> ended = new ConcurrentHashMap<>();
    private final Fetcher fetcher = new Fetcher();
    private final ImageStore images;
    private final AgentConfig config;
    private final TaskUsers users;
    private final Supplier<String> agentId;
    private final AgentCheckpoint checkpoint;
    private final StatusUpdates updates;
    private final DockerCli docker;
    private final ScheduledExecutorService timers;
    private final Executor launcher;
    private final BooleanSupplier attached;

    /**
     * {@code docker} is null when the Docker containerizer is off; {@code attached} turns false when the agent
     * detaches from its tasks, which from then on the next agent on this work_dir reports.
     */
    AgentTasks(AgentConfig config, Supplier<String> agentId, AgentCheckpoint checkpoint, StatusUpdates updates,
               DockerCli docker, ScheduledExecutorService timers, Executor launcher, BooleanSupplier attached) {
        this.config = config;
        this.users = new TaskUsers(config.taskUsers());
        this.agentId = agentId;
        this.checkpoint = checkpoint;
        this.updates = updates;
        this.docker = docker;
        this.timers = timers;
        this.launcher = launcher;
        this.attached = attached;
        this.images = ImageProvider.store(config.images());
    }

    void launch(AgentMessages.Launch launch) {
        if (tasks.containsKey(key(launch.frameworkId(), launch.task().taskId().value()))) {
            return;
        }
        Path sandbox = config.workDir().resolve("slaves").resolve(agentId.get()).resolve("frameworks")
                .resolve(launch.frameworkId()).resolve("executors").resolve(launch.task().taskId().value())
                .resolve("runs").resolve(UUID.randomUUID().toString());
        CommandTask task = add(launch.frameworkId(), launch.frameworkInfo(), launch.task(), sandbox);
        launcher.execute(() -> task.launch(config.hostname(), fetcher));
    }

    /** A task of this agent, not started yet: reports its states from now on. */
    CommandTask add(String frameworkId, FrameworkInfo framework, TaskInfo info, Path sandbox) {
        frameworks.put(frameworkId, framework);
        CommandTask task = new CommandTask(info, frameworkId, agentId.get(), sandbox,
                containerFor(framework, info, sandbox),
                status -> onStatus(frameworkId, status), timers);
        task.reportKillingState(framework != null && framework.hasCapability("TASK_KILLING_STATE"));
        tasks.put(key(frameworkId, info.taskId().value()), task);
        return task;
    }

    /** A framework that has tasks here, even if they all ended. */
    void rememberFramework(String frameworkId, FrameworkInfo framework) {
        frameworks.put(frameworkId, framework);
    }

    /**
     * Where a task runs: in a container of its image that the agent provisions itself when its ContainerInfo has one
     * for the Mesos containerizer (or is DOCKER with no Docker engine here), in a Docker container when it says DOCKER
     * (as the image's user, as Mesos's Docker containerizer runs it), else as processes of the user the task or its
     * framework names.
     */
    private TaskContainer containerFor(FrameworkInfo framework, TaskInfo task, Path sandbox) {
        Optional<ContainerImages.Request> image = ContainerImages.of(task.container(), docker != null);
        if (image.isPresent()) {
            return new ImageContainer(task, image.get(), images, users.runAs(framework, task),
                    ImageContainer.containerDir(config.workDir(), sandbox));
        }
        boolean isDocker = task.container() != null && "DOCKER".equals(task.container().path("type").asText());
        return isDocker ? new DockerContainer(docker, task, DockerContainer.name(agentId.get(), sandbox), sandbox)
                : new ProcessContainer(task.command(), users.runAs(framework, task));
    }

    private void onStatus(String frameworkId, TaskStatus status) {
        if (!attached.getAsBoolean()) {
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
                ended.computeIfAbsent(status.state(), s -> new LongAdder()).increment();
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
            updates.submit(kill.frameworkId(), TaskStatus.of(Id.of(kill.taskId()), TaskState.TASK_LOST,
                    Id.of(agentId.get()), TaskStatus.SOURCE_AGENT, "REASON_TASK_UNKNOWN", "Cannot kill an unknown task",
                    true));
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

    /** SIGKILL to every live task, no grace. */
    void destroyAll() {
        for (CommandTask t : tasks.values()) {
            t.destroyNow();
        }
    }

    Collection<CommandTask> live() {
        return tasks.values();
    }

    List<CommandTask> completed() {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }

    /** How many tasks ended in this state since the agent started. */
    long endedIn(TaskState state) {
        LongAdder count = ended.get(state);
        return count == null ? 0 : count.sum();
    }

    Map<String, FrameworkInfo> frameworks() {
        return frameworks;
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }
}
