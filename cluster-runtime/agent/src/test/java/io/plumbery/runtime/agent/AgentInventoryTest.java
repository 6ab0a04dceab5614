package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent reports of real tasks: their sandboxes' attachments, its metrics, a running task's usage. */
class AgentInventoryTest {
    @TempDir
    Path dir;
    private AgentWorkDir work;
    private AgentTasks tasks;

    @BeforeEach
    void setUp() {
        work = new AgentWorkDir(dir);
        tasks = work.tasks(null);
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("done", "echo done")));
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, AgentWorkDir.FRAMEWORK_INFO,
                AgentWorkDir.shellTask("sleeper", "sleep 60")));
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.completed().size() == 1);
    }

    @AfterEach
    void tearDown() {
        tasks.destroyAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.live().isEmpty());
        work.close();
    }

    @Test
    void eachSandboxIsAttachedAtItsDirectoryItsLatestRunAndItsVirtualPath() throws Exception {
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
        Map<String, Double> metrics = new AgentMetrics(tasks, work.config.resources(), () -> true).snapshot();

        assertThat(metrics).containsEntry("slave/tasks_running", 1.0).containsEntry("slave/tasks_finished", 1.0)
                .containsEntry("slave/tasks_failed", 0.0).containsEntry("slave/executors_running", 1.0)
                .containsEntry("slave/executors_terminated", 1.0).containsEntry("slave/frameworks_active", 1.0)
                .containsEntry("slave/cpus_total", 1.0).containsEntry("slave/registered", 1.0)
                .containsKeys("system/cpus_total", "system/mem_total_bytes", "slave/uptime_secs");
    }

    @Test
    void aRunningTaskHasTheUsageOfItsProcessTreeAndAnEndedOneNone() {
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
    void modesReadAsLsWritesThem() {
        assertThat(new FileInfo("/x", 1, 0, 0, 0100644, "root", "root").modeString()).isEqualTo("-rw-r--r--");
        assertThat(new FileInfo("/x", 1, 0, 0, 040755, "root", "root").modeString()).isEqualTo("drwxr-xr-x");
        assertThat(new FileInfo("/x", 1, 0, 0, 0120777, "root", "root").modeString()).isEqualTo("lrwxrwxrwx");
    }
}
