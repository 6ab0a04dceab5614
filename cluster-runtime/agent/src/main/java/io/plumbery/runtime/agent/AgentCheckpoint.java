package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The agent's checkpoint under work_dir/meta: its agent id and one file per live task, written atomically. */
final class AgentCheckpoint {

    /**
     * What survives an agent restart about one task. {@code started} is when its process started (null when none ran
     * as the checkpoint was written, and in checkpoints written before it was recorded): recovery re-attaches to
     * the pid only if the process running under it started then.
     */
    record TaskCheckpoint(String frameworkId, FrameworkInfo frameworkInfo, TaskInfo task, long pid, String sandbox,
                          TaskStatus latest, ProcessStart started) {

        /** A checkpoint of the process running under {@code pid} now. */
        TaskCheckpoint(String frameworkId, FrameworkInfo frameworkInfo, TaskInfo task, long pid, String sandbox,
                       TaskStatus latest) {
            this(frameworkId, frameworkInfo, task, pid, sandbox, latest, ProcessStart.of(pid).orElse(null));
        }

        /** The task's own process, if it still runs: the pid with the start recorded, never a process reusing it. */
        Optional<ProcessHandle> process() {
            return started == null || !started.isRunning(pid) ? Optional.empty()
                    : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
    }

    private final Path meta;

    AgentCheckpoint(Path workDir) {
        this.meta = workDir.resolve("meta");
    }

    Optional<String> agentId() {
        Path file = meta.resolve("slave.id");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void saveAgentId(String id) {
        write(meta.resolve("slave.id"), id.getBytes(StandardCharsets.UTF_8));
    }

    void saveTask(TaskCheckpoint task) {
        write(taskFile(task.frameworkId(), task.task().taskId().value()), Json.bytes(task));
    }

    void removeTask(String frameworkId, String taskId) {
        try {
            Files.deleteIfExists(taskFile(frameworkId, taskId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<TaskCheckpoint> task(String frameworkId, String taskId) {
        Path file = taskFile(frameworkId, taskId);
        try {
            return Files.exists(file) ? Optional.of(Json.read(Files.readAllBytes(file), TaskCheckpoint.class))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<TaskCheckpoint> tasks() {
        Path dir = meta.resolve("tasks");
        List<TaskCheckpoint> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                out.add(Json.read(Files.readAllBytes(f), TaskCheckpoint.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Path taskFile(String frameworkId, String taskId) {
        String name = (frameworkId + "__" + taskId).replaceAll("[^A-Za-z0-9._-]", "_");
        return meta.resolve("tasks").resolve(name + ".json");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
