package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTasksTest {
    @TempDir
    Path dir;
    private AgentWorkDir work;
    private AgentTasks tasks;

    @BeforeEach
    void setUp() {
        work = new AgentWorkDir(dir);
        tasks = work.tasks(null);
    }

    /** Every task ended and its last state checkpointed before the work_dir goes. */
    @AfterEach
    void tearDown() {
        tasks.destroyAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.live().isEmpty());
        work.close();
    }

    @Test
    void aLaunchedTaskRunsInItsSandboxAndEveryStateIsCheckpointedAndQueuedForTheMaster() throws Exception {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("hello", "echo hello")));

        await().atMost(Duration.ofSeconds(10)).until(() -> !tasks.completed().isEmpty());
        CommandTask task = tasks.completed().get(0);
        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(task.sandbox()).startsWith(dir.resolve("slaves/S1/frameworks/F/executors/hello/runs"));
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("hello\n");
        assertThat(tasks.live()).isEmpty();
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "hello").orElseThrow().latest().state())
                .isEqualTo(TaskState.TASK_FINISHED);
        assertThat(work.updates.pendingCount()).isEqualTo(3); // STARTING, RUNNING, FINISHED
    }

    @Test
    void aSecondLaunchOfTheSameTaskIsIgnored() {
        AgentMessages.Launch launch = new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("once", "sleep 60"));
        tasks.launch(launch);
        tasks.launch(launch);

        assertThat(tasks.live()).hasSize(1);
    }

    @Test
    void killingAnUnknownTaskReportsItLost() {
        tasks.kill(new AgentMessages.Kill(AgentWorkDir.FRAMEWORK, "nobody", null));

        assertThat(work.updates.pendingCount()).isEqualTo(1);
    }

    @Test
    void aKilledTaskIsKilledAndItsFrameworkSeesKilling() {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("victim", "sleep 60")));
        assertThat(tasks.live()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING));

        tasks.kill(new AgentMessages.Kill(AgentWorkDir.FRAMEWORK, "victim", 0L));

        await().atMost(Duration.ofSeconds(10)).until(() -> !tasks.completed().isEmpty());
        assertThat(tasks.completed().get(0).state()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(work.updates.pendingCount()).isEqualTo(4); // STARTING, RUNNING, KILLING, KILLED
    }

    @Test
    void acknowledgingTheTerminalUpdateEndsTheTasksCheckpoint() {
        TaskStatus running = work.checkpoint("t1", 1, work.sandbox("r-1"), TaskState.TASK_RUNNING);
        tasks.acknowledge(new AgentMessages.Ack(AgentWorkDir.FRAMEWORK, "t1", running.uuid()));
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "t1")).isPresent();

        TaskStatus finished = work.checkpoint("t1", 1, work.sandbox("r-1"), TaskState.TASK_FINISHED);
        tasks.acknowledge(new AgentMessages.Ack(AgentWorkDir.FRAMEWORK, "t1", finished.uuid()));
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "t1")).isEmpty();
    }
}
