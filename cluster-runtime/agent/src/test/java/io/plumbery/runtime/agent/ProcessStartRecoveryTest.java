package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery never re-attaches to a process that only reuses a task's recorded pid: a real process runs under the pid,
 * and the checkpoint's boot id or start time say it is not the task's (another boot, a reused pid, or a checkpoint
 * from before they were recorded). The task is reported as ended and the process is left alone.
 */
class ProcessStartRecoveryTest {
    @TempDir
    Path dir;
    private AgentWorkDir work;
    private Process stranger;
    private AgentTasks tasks;

    @BeforeEach
    void setUp() throws Exception {
        work = new AgentWorkDir(dir);
        stranger = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void cleanUp() {
        stranger.destroyForcibly();
        if (tasks != null) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.live().isEmpty());
        }
        work.close();
    }

    @Test
    void theCheckpointRecordsTheBootAndStartOfTheTasksProcess() throws Exception {
        ProcessStart start = ProcessStart.of(stranger.pid()).orElseThrow();
        assertThat(start.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
        assertThat(start.startTicks()).isPositive();
        assertThat(start.isRunning(stranger.pid())).isTrue();
        assertThat(ProcessStart.of(ProcessHandle.current().pid()).orElseThrow()).isNotEqualTo(start);

        work.checkpoint("live", stranger.pid(), Files.createDirectories(work.sandbox("r")), TaskState.TASK_RUNNING);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "live").orElseThrow().started()).isEqualTo(start);
        tasks = work.tasks(null);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "4242 (a) b (c) d) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assertThat(ProcessStart.startTicks(stat)).isEqualTo(987654);
    }

    @Test
    void aProcessThatStartedAtAnotherTimeUnderThePidIsNotReattached() throws Exception {
        ProcessStart real = ProcessStart.of(stranger.pid()).orElseThrow();
        recoverWith(new ProcessStart(real.bootId(), real.startTicks() - 1));
    }

    @Test
    void aProcessOfAnotherBootUnderThePidIsNotReattached() throws Exception {
        ProcessStart real = ProcessStart.of(stranger.pid()).orElseThrow();
        recoverWith(new ProcessStart("00000000-0000-0000-0000-000000000000", real.startTicks()));
    }

    @Test
    void aCheckpointWrittenBeforeStartsWereRecordedIsNotReattached() throws Exception {
        work.checkpoint("old", stranger.pid(), Files.createDirectories(work.sandbox("r-old")), TaskState.TASK_RUNNING);
        Path file = dir.resolve("meta/tasks/F__old.json");
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file));
        assertThat(json.has("started")).isTrue();
        json.remove("started");
        Files.write(file, Json.bytes(json));
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "old").orElseThrow().started()).isNull();

        tasks = work.tasks(null);
        new AgentRecovery(work.checkpoint, tasks, work.updates, null, () -> AgentWorkDir.AGENT, "127.0.0.1").recover();

        assertEndedAndLeftAlone();
    }

    private void recoverWith(ProcessStart recorded) throws Exception {
        Path sandbox = Files.createDirectories(work.sandbox("r-reused"));
        TaskStatus running = TaskStatus.of(Id.of("reused"), TaskState.TASK_RUNNING, Id.of(AgentWorkDir.AGENT),
                TaskStatus.SOURCE_EXECUTOR, null, null, true);
        work.checkpoint.saveTask(new AgentCheckpoint.TaskCheckpoint(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("reused", "sleep 60"), stranger.pid(), sandbox.toString(), running, recorded));
        tasks = work.tasks(null);

        new AgentRecovery(work.checkpoint, tasks, work.updates, null, () -> AgentWorkDir.AGENT, "127.0.0.1").recover();

        assertEndedAndLeftAlone();
    }

    private void assertEndedAndLeftAlone() {
        assertThat(tasks.live()).isEmpty();
        assertThat(tasks.completed()).singleElement().satisfies(t -> {
            assertThat(t.state().isTerminal()).isTrue();
            assertThat(t.state()).isIn(TaskState.TASK_FAILED, TaskState.TASK_LOST);
        });
        assertThat(work.updates.pendingCount()).isEqualTo(1);
        assertThat(stranger.isAlive()).as("the process that reuses the pid is not the task's: not killed").isTrue();
    }
}
