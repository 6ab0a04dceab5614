package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An agent's work_dir on disk and the task side of an agent over it, as the tests need it: agent S1, framework F,
 * shell tasks, status updates queued and never sent (no master).
 */
final class AgentWorkDir implements AutoCloseable {
    static final String AGENT = "S1";
    static final String FRAMEWORK = "F";
    static final FrameworkInfo FRAMEWORK_INFO = Json.read(
            "{\"user\":\"root\",\"name\":\"test\",\"id\":{\"value\":\"F\"},"
            + "\"capabilities\":[{\"type\":\"TASK_KILLING_STATE\"}]}", FrameworkInfo.class);

    final Path dir;
    final AgentCheckpoint checkpoint;
    final StatusUpdates updates = new StatusUpdates(() -> null, () -> AGENT, () -> { }, Duration.ofSeconds(10));
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final AgentConfig config;

    AgentWorkDir(Path dir) {
        this.dir = dir;
        this.checkpoint = new AgentCheckpoint(dir);
        this.config = AgentConfig.of("127.0.0.1", 0, "127.0.0.1:1", Resources.scalars(Map.of("cpus", 1.0)), dir);
    }

    AgentTasks tasks(DockerCli docker) {
        return new AgentTasks(config, () -> AGENT, checkpoint, updates, docker, timers, Runnable::run, () -> true);
    }

    static TaskInfo shellTask(String id, String command) {
        return Json.read("""
                {"name":"%s","task_id":{"value":"%s"},"agent_id":{"value":"S1"},"resources":[],
                 "command":{"shell":true,"value":"%s"}}""".formatted(id, id, command), TaskInfo.class);
    }

    /** A task's checkpoint as an agent writes it, {@code latest} its last reported state. */
    TaskStatus checkpoint(String taskId, long pid, Path sandbox, TaskState latest) {
        TaskStatus status = TaskStatus.of(Id.of(taskId), latest, Id.of(AGENT), TaskStatus.SOURCE_EXECUTOR, null, null,
                true);
        checkpoint.saveTask(new AgentCheckpoint.TaskCheckpoint(FRAMEWORK, FRAMEWORK_INFO, shellTask(taskId, "sleep 60"),
                pid, sandbox.toString(), status));
        return status;
    }

    Path sandbox(String run) {
        return dir.resolve("slaves/S1/frameworks/F/executors/t/runs").resolve(run);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        updates.close();
    }
}
