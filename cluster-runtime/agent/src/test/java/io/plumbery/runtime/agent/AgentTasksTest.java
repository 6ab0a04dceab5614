package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

    @Test
    void eachSandboxIsAttachedAtItsDirectoryItsLatestRunAndItsVirtualPath() throws Exception {
        launchOneThatEndsAndOneThatRuns();
        CommandTask sleeper = tasks.live().iterator().next();
        Path sandbox = sleeper.sandbox();

        Map<String, Path> attached = new SandboxAttachments(tasks, null).get();

        assertThat(attached).containsEntry(sandbox.toString(), sandbox)
                .containsEntry("/frameworks/F/executors/sleeper/runs/latest", sandbox)
                .containsEntry(sandbox.resolveSibling("latest").toString(), sandbox)
                .containsKey("/frameworks/F/executors/done/runs/latest")
                .doesNotContainKey(SandboxAttachments.AGENT_LOG);
        assertThat(sandbox.resolveSibling("latest").toRealPath()).isEqualTo(sandbox.toRealPath());
        Path log = Files.writeString(dir.resolve("agent.log"), "log");
        assertThat(new SandboxAttachments(tasks, log).get()).containsEntry(SandboxAttachments.AGENT_LOG, log);
    }

    @Test
    void metricsCountTheAgentsOwnTasks() {
        launchOneThatEndsAndOneThatRuns();
        Map<String, Double> metrics = new AgentMetrics(tasks, work.config.resources(), () -> true).snapshot();

        assertThat(metrics).containsEntry("slave/tasks_running", 1.0).containsEntry("slave/tasks_finished", 1.0)
                .containsEntry("slave/tasks_failed", 0.0).containsEntry("slave/executors_running", 1.0)
                .containsEntry("slave/executors_terminated", 1.0).containsEntry("slave/frameworks_active", 1.0)
                .containsEntry("slave/cpus_total", 1.0).containsEntry("slave/registered", 1.0)
                .containsKeys("system/cpus_total", "system/mem_total_bytes", "slave/uptime_secs");
    }

    @Test
    void aRunningTaskHasTheUsageOfItsProcessTreeAndAnEndedOneNone() {
        launchOneThatEndsAndOneThatRuns();
        CommandTask sleeper = tasks.live().iterator().next();
        assertThat(sleeper.state()).isEqualTo(TaskState.TASK_RUNNING);

        ResourceStatistics usage = sleeper.usage().orElseThrow();

        assertThat(usage.processes()).isGreaterThanOrEqualTo(2); // the shell recording the exit status, and sleep
        assertThat(usage.threads()).isGreaterThanOrEqualTo(usage.processes());
        assertThat(usage.memRssBytes()).isPositive();
        assertThat(usage.timestamp()).isPositive();
        assertThat(tasks.completed().get(0).usage()).isEmpty();
    }

    @Test
    void executorsAreNamedAsMesosNamesCommandExecutors() {
        assertThat(executorName("sleep 60")).isEqualTo("Command Executor (Task: t) (Command: sh -c 'sleep 60')");
        assertThat(executorName("echo a rather long line"))
                .isEqualTo("Command Executor (Task: t) (Command: sh -c 'echo a rathe...')");
    }

    private String executorName(String command) {
        return new CommandTask(AgentWorkDir.shellTask("t", command), AgentWorkDir.FRAMEWORK, AgentWorkDir.AGENT,
                work.sandbox("r"), null, status -> { }, work.timers).executorName();
    }

    /** A task that ended ({@code done}) and one that runs ({@code sleeper}). */
    private void launchOneThatEndsAndOneThatRuns() {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("done", "echo done")));
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("sleeper", "sleep 60")));
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.completed().size() == 1);
    }
}
