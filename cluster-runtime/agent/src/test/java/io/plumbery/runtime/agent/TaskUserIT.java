package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command tasks run as the user their command or framework names (Mesos's --switch_user), in a sandbox of their own,
 * with real processes. Switching users needs root: as another user these tests are skipped, saying so.
 */
class TaskUserIT {
    /** On every Debian; the deploy's task user. */
    private static final String NOBODY = "nobody";

    @TempDir
    Path temp;
    private AgentWorkDir work;
    private AgentTasks tasks;

    @BeforeEach
    void setUp() throws Exception {
        // the sandbox's parents as an agent's work_dir is: others may pass through, not list
        Path dir = Files.createDirectory(temp.resolve("work"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        work = new AgentWorkDir(dir);
    }

    @AfterEach
    void tearDown() {
        if (tasks != null) {
            tasks.destroyAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.live().isEmpty());
        }
        work.close();
    }

    @Test
    void aTaskRunsAsTheUserItsCommandNamesInASandboxOfItsOwn() throws Exception {
        TaskUser nobody = asRootWith(NOBODY);
        tasks = work.tasks(null);

        CommandTask task = run(framework("root"), task("mine", "id -u; id -g; echo $USER", NOBODY));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.readString(task.sandbox().resolve("stdout")))
                .isEqualTo(nobody.uid() + "\n" + nobody.gid() + "\n" + NOBODY + "\n");
        assertThat(Files.getAttribute(task.sandbox(), "unix:uid")).isEqualTo(nobody.uid());
        assertThat(Files.getAttribute(task.sandbox().resolve("stdout"), "unix:uid")).isEqualTo(nobody.uid());
    }

    @Test
    void withoutAUserInItsCommandATaskRunsAsItsFrameworksUser() throws Exception {
        TaskUser nobody = asRootWith(NOBODY);
        tasks = work.tasks(null);

        CommandTask task = run(framework(NOBODY), task("theirs", "id -u", null));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo(nobody.uid() + "\n");
    }

    @Test
    void withoutSwitchUserTasksRunAsTheAgentsUser() throws Exception {
        asRootWith(NOBODY);
        tasks = tasksWith(new TaskUserPolicy(false, true));

        CommandTask task = run(framework(NOBODY), task("agents", "id -u", NOBODY));

        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("0\n");
    }

    @Test
    void aUserThatDoesNotExistHereFailsTheTaskWithMesossWords() throws Exception {
        tasks = work.tasks(null);

        CommandTask task = run(framework("root"), task("ghostly", "echo never", "plumbery-no-such-user"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FAILED);
        String message = "Failed to get the uid of user 'plumbery-no-such-user': not found";
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "ghostly").orElseThrow().latest())
                .satisfies(s -> assertThat(s.message()).isEqualTo(message))
                .satisfies(s -> assertThat(s.reason()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED"));
        assertThat(Files.readString(task.sandbox().resolve("stderr"))).isEqualTo(message + "\n");
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEmpty();
    }

    @Test
    void anAgentThatAllowsNoRootTasksFailsThoseAskingForRootAndRunsTheOthers() throws Exception {
        TaskUser nobody = asRootWith(NOBODY);
        tasks = tasksWith(new TaskUserPolicy(true, false));

        CommandTask root = run(framework(NOBODY), task("rooted", "echo never", "root"));
        CommandTask other = run(framework("root"), task("unrooted", "id -u", NOBODY));

        assertThat(root.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "rooted").orElseThrow().latest().message())
                .isEqualTo("Tasks may not run as root on this agent (user 'root' is root; --allow_root_tasks=false)");
        assertThat(other.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.readString(other.sandbox().resolve("stdout"))).isEqualTo(nobody.uid() + "\n");
    }

    @Test
    void aCommandHealthCheckRunsAsTheTasksUser() throws Exception {
        TaskUser nobody = asRootWith(NOBODY);
        tasks = work.tasks(null);
        TaskInfo checked = Json.read("""
                {"name":"checked","task_id":{"value":"checked"},"agent_id":{"value":"S1"},"resources":[],
                 "command":{"shell":true,"value":"sleep 60","user":"nobody"},
                 "health_check":{"type":"COMMAND","command":{"shell":true,"value":"id -u > checked-by"},
                                 "delay_seconds":0,"interval_seconds":1,"grace_period_seconds":5}}""", TaskInfo.class);

        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, framework("root"), checked));

        Path sandbox = tasks.live().iterator().next().sandbox();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(sandbox.resolve("checked-by"))
                && !Files.readString(sandbox.resolve("checked-by")).isEmpty());
        assertThat(Files.readString(sandbox.resolve("checked-by"))).isEqualTo(nobody.uid() + "\n");
        assertThat(Files.getAttribute(sandbox.resolve("checked-by"), "unix:uid")).isEqualTo(nobody.uid());
    }

    private AgentTasks tasksWith(TaskUserPolicy policy) {
        AgentConfig config = work.config.withTaskUsers(policy);
        return new AgentTasks(config, () -> AgentWorkDir.AGENT, work.checkpoint, work.updates, null, work.timers,
                Runnable::run, () -> true);
    }

    /** Launches the task and waits for its end. */
    private CommandTask run(FrameworkInfo framework, TaskInfo task) {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, framework, task));
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks.completed().stream()
                .anyMatch(t -> t.task().taskId().equals(task.taskId())));
        return tasks.completed().stream().filter(t -> t.task().taskId().equals(task.taskId())).findFirst().orElseThrow();
    }

    private static TaskUser asRootWith(String user) throws LaunchRefused {
        assumeTrue(TaskUsers.agentUid() == 0, "switching a task's user needs root (CI runs as root); skipped as uid "
                + TaskUsers.agentUid());
        return TaskUsers.lookup(user);
    }

    private static FrameworkInfo framework(String user) {
        return Json.read("{\"user\":\"" + user + "\",\"name\":\"test\",\"id\":{\"value\":\"F\"}}", FrameworkInfo.class);
    }

    private static TaskInfo task(String id, String command, String user) {
        String userField = user == null ? "" : ",\"user\":\"" + user + "\"";
        return Json.read("""
                {"name":"%s","task_id":{"value":"%s"},"agent_id":{"value":"S1"},"resources":[],
                 "command":{"shell":true,"value":"%s"%s}}""".formatted(id, id, command, userField), TaskInfo.class);
    }
}
