package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.protocol.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent started on a work_dir that a previous agent left, its checkpoints written here as that agent would. */
class AgentRecoveryTest {
    @TempDir
    Path dir;
    private AgentWorkDir work;
    private Process sleeper;
    private AgentTasks tasks;

    @BeforeEach
    void setUp() {
        work = new AgentWorkDir(dir);
    }

    /** Every task ended and its last state checkpointed before the work_dir goes. */
    @AfterEach
    void cleanUp() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.live().isEmpty());
        work.close();
    }

    @Test
    void aTerminalUpdateNotYetAcknowledgedIsSentAgain() {
        work.checkpoint("done", 1, work.sandbox("r-done"), TaskState.TASK_FINISHED);
        tasks = work.tasks(null);

        recover(tasks, null);

        assertThat(tasks.live()).isEmpty();
        assertThat(tasks.frameworks()).containsKey(AgentWorkDir.FRAMEWORK);
        assertThat(work.updates.pendingCount()).isEqualTo(1);
    }

    @Test
    void aTaskWhoseProcessStillRunsIsReattachedAndReportsItsEnd() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Path sandbox = Files.createDirectories(work.sandbox("r-live"));
        work.checkpoint("live", sleeper.pid(), sandbox, TaskState.TASK_RUNNING);
        tasks = work.tasks(null);

        recover(tasks, null);

        assertThat(tasks.live()).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(t.pid()).isEqualTo(sleeper.pid());
        });
        assertThat(work.updates.pendingCount()).isZero();

        Files.writeString(sandbox.resolve(CommandTask.EXIT_FILE), "0\n");
        sleeper.destroy();
        sleeper.onExit().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !tasks.completed().isEmpty());
        assertThat(tasks.completed().get(0).state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "live").orElseThrow().latest().state())
                .isEqualTo(TaskState.TASK_FINISHED);
        assertThat(work.updates.pendingCount()).isEqualTo(1);
    }

    @Test
    void aTaskThatEndedWhileNoAgentRanReportsHowItEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Path sandbox = Files.createDirectories(work.sandbox("r-ended"));
        Files.writeString(sandbox.resolve(CommandTask.EXIT_FILE), "3\n");
        work.checkpoint("ended", ended.pid(), sandbox, TaskState.TASK_RUNNING);
        tasks = work.tasks(null);

        recover(tasks, null);

        assertThat(tasks.live()).isEmpty();
        assertThat(tasks.completed()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_FAILED));
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "ended").orElseThrow().latest().message())
                .isEqualTo("Command exited with status 3");
        assertThat(work.updates.pendingCount()).isEqualTo(1);
    }

    @Test
    void containersNamedAsOursThatNoRecoveredTaskOwnsAreRemoved() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        work.checkpoint("live", sleeper.pid(), Files.createDirectories(work.sandbox("r-live")),
                TaskState.TASK_RUNNING);
        Path removed = dir.resolve("removed");
        DockerCli docker = new DockerCli(fakeDocker(removed).toString());
        tasks = work.tasks(docker);

        recover(tasks, docker);

        assertThat(Files.readAllLines(removed)).containsExactly("rm -f mesos-S1.r-orphan");
    }

    private void recover(AgentTasks tasks, DockerCli docker) {
        new AgentRecovery(work.checkpoint, tasks, work.updates, docker, () -> AgentWorkDir.AGENT, "127.0.0.1")
                .recover();
    }

    /** A docker client whose engine has our live task's container and an orphan; it logs what it is asked to remove. */
    private Path fakeDocker(Path removed) throws IOException {
        Path script = dir.resolve("docker");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in
                  ps) printf 'mesos-S1.r-live\\nmesos-S1.r-orphan\\n' ;;
                  rm) echo "$*" >> '%s' ;;
                esac
                """.formatted(removed));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
