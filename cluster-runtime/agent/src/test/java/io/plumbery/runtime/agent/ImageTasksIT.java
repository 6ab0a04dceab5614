package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plumbery.runtime.images.ImagePusher;
import io.plumbery.runtime.images.LayerWriter;
import io.plumbery.runtime.images.TestImages;
import io.plumbery.runtime.images.TestRegistry;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks in container images without a Docker daemon, as root on this host: the image pushed by the test to Debian's
 * registry on loopback, pulled by the agent, its rootfs the task's {@code /}, in namespaces of its own, as nobody.
 */
class ImageTasksIT {
    private static final String NOBODY = "nobody";

    @TempDir
    static Path shared;
    static TestRegistry registry;

    @TempDir
    Path temp;
    private AgentWorkDir work;
    private AgentConfig config;
    private AgentTasks tasks;

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(TaskUsers.agentUid() == 0, "containers need root (CI runs as root); skipped as uid "
                + TaskUsers.agentUid());
        assumeTrue(TestRegistry.unavailable() == null, TestRegistry.unavailable());
        assumeTrue(TestImages.unavailable() == null, TestImages.unavailable());
        registry = TestRegistry.start(shared.resolve("registry"), false);
        TestImages.push(registry, "hello", "1", TestImages.echoing(), shared.resolve("build"));
        TestImages.pushWithDevice(registry, "devices", "1", shared.resolve("build-devices"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("work"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        work = new AgentWorkDir(dir);
        config = work.config.withImages(new ImageSettings(registry.url(), shared.resolve("store"), null));
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
    void withoutACommandTheImagesEntrypointAndCmdRunAsTheTasksUser() throws Exception {
        tasks = tasks(new AtomicBoolean(true));

        CommandTask task = run(task("plain", mesosImage("hello:1"), "{\"shell\":false,\"user\":\"nobody\"}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("hello from the image\n");
        assertThat(Files.readString(task.sandbox().resolve(CommandTask.EXIT_FILE)).strip()).isEqualTo("0");
    }

    @Test
    void aShellCommandRunsInTheImagesRootWithItsOwnPidsTheSandboxAndTheImagesEnv() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        String script = "echo $GREETING $MESOS_SANDBOX; pwd; id -u; cat index.html; "
                + "test -e /etc/debian_version || echo not-the-host; ls /proc | grep -c '^[0-9]'; "
                + "echo written > $MESOS_SANDBOX/from-inside";

        CommandTask task = run(task("shell", mesosImage("hello:1"),
                Json.object().put("shell", true).put("value", script).put("user", NOBODY).toString()));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        int nobody = TaskUsers.lookup(NOBODY).uid();
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("from-image /mnt/mesos/sandbox\n"
                + "/www\n" + nobody + "\n" + TestImages.PAGE + "not-the-host\n" + "4\n");
        assertThat(task.sandbox().resolve("from-inside")).hasContent("written");
    }

    @Test
    void aDeviceNodeOfTheImageIsThereButUseless() throws Exception {
        tasks = tasks(new AtomicBoolean(true));

        CommandTask task = run(task("devices", mesosImage("devices:1"), Json.object().put("shell", true)
                .put("value", "ls -l /data/zero | cut -c1; cat /data/zero | head -c 3 | wc -c").put("user", NOBODY)
                .toString()));

        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("c\n0\n");
        assertThat(Files.readString(task.sandbox().resolve("stderr"))).contains("Permission denied");
    }

    @Test
    void aCommandHealthCheckRunsInsideTheContainerAsItsUser() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        TaskInfo checked = Json.read("""
                {"name":"checked","task_id":{"value":"checked"},"agent_id":{"value":"S1"},"resources":[],
                 "container":%s,
                 "command":{"shell":true,"value":"sleep 600","user":"nobody"},
                 "health_check":{"type":"COMMAND","command":{"shell":true,
                   "value":"echo $(id -u) $(cat /www/index.html) > /mnt/mesos/sandbox/checked"},
                   "delay_seconds":0,"interval_seconds":1,"grace_period_seconds":10}}""".formatted(mesosImage("hello:1")),
                TaskInfo.class);
        CommandTask task = start(checked);

        Path result = task.sandbox().resolve("checked");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(result) && !Files.readString(result).isEmpty());
        assertThat(Files.readString(result)).isEqualTo(TaskUsers.lookup(NOBODY).uid() + " " + TestImages.PAGE);
    }

    @Test
    void aDockerContainerWithoutADockerEngineRunsTheSameWayItsArgumentsAfterTheEntrypoint() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        String docker = "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + registry.hostPort() + "/hello:1\","
                + "\"network\":\"HOST\"}}";

        CommandTask task = run(task("docker", docker,
                "{\"shell\":false,\"arguments\":[\"echo\",\"arguments\",\"replace\",\"cmd\"],\"user\":\"nobody\"}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.readString(task.sandbox().resolve("stdout"))).isEqualTo("arguments replace cmd\n");
    }

    @Test
    void aLayerReachingOutOfItsRootFailsTheLaunchAndLeavesNoRootfs() throws Exception {
        Path build = Files.createDirectories(temp.resolve("evil"));
        LayerWriter.Layer evil;
        try (LayerWriter w = new LayerWriter(build.resolve("evil.tar.gz"))) {
            evil = w.file("../../escaped", "out".getBytes(), 0644).layer();
        }
        new ImagePusher(registry.registries().client(registry.hostPort()))
                .push("evil", "1", TestImages.echoing(), List.of(TestImages.busyboxLayer(build), evil), build);
        tasks = tasks(new AtomicBoolean(true));

        CommandTask task = run(task("evil", mesosImage("evil:1"), "{\"shell\":false,\"user\":\"nobody\"}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "evil").orElseThrow().latest().message())
                .isEqualTo("Failed to launch container: Layer entry '../../escaped' escapes the root filesystem");
        assertThat(ImageContainer.containerDir(work.dir, task.sandbox())).doesNotExist();
        assertThat(work.dir.resolve("provisioner/containers").resolve("escaped")).doesNotExist();
    }

    @Test
    void aBridgedDockerContainerIsRefusedForItWouldShareTheHostsNetwork() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        String docker = "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + registry.hostPort() + "/hello:1\","
                + "\"network\":\"BRIDGE\"}}";

        CommandTask task = run(task("bridged", docker, "{\"shell\":false,\"user\":\"nobody\"}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "bridged").orElseThrow().latest().message())
                .startsWith("Failed to launch container: network BRIDGE is not supported");
    }

    @Test
    void anImageTheRegistryDoesNotHaveFailsTheLaunchWithTheRegistrysAnswer() throws Exception {
        tasks = tasks(new AtomicBoolean(true));

        CommandTask task = run(task("missing", mesosImage("no-such:1"), "{\"shell\":false,\"user\":\"nobody\"}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FAILED);
        TaskStatus last = work.checkpoint.task(AgentWorkDir.FRAMEWORK, "missing").orElseThrow().latest();
        assertThat(last.reason()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(last.message()).isEqualTo(
                "Failed to launch container: Unexpected HTTP response '404 Not Found' when trying to get the manifest");
    }

    @Test
    void aKilledContainerLeavesNoProcessNoMountAndNoRootfs() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        CommandTask task = start(task("killed", mesosImage("hello:1"),
                "{\"shell\":true,\"value\":\"sleep 600\",\"user\":\"nobody\"}"));
        Path rootfs = ImageContainer.containerDir(work.dir, task.sandbox()).resolve("rootfs");
        await().atMost(Duration.ofSeconds(10)).until(() -> processesIn(rootfs) > 0);
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(rootfs.toString());

        task.kill(Duration.ofSeconds(2).toNanos());

        await().atMost(Duration.ofSeconds(15)).until(() -> task.state().isTerminal());
        assertThat(task.state()).isEqualTo(TaskState.TASK_KILLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> processesIn(rootfs) == 0);
        assertThat(rootfs).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(rootfs.toString());
    }

    @Test
    void theContainerHasCgroupsOfItsOwnWithTheTasksCpusAndMem() throws Exception {
        tasks = tasks(new AtomicBoolean(true));
        TaskInfo limited = Json.read("""
                {"name":"limited","task_id":{"value":"limited"},"agent_id":{"value":"S1"},
                 "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},
                              {"name":"mem","type":"SCALAR","scalar":{"value":64}}],
                 "container":%s,"command":{"shell":true,"value":"sleep 600","user":"nobody"}}"""
                .formatted(mesosImage("hello:1")), TaskInfo.class);
        CommandTask task = start(limited);
        Path rootfs = ImageContainer.containerDir(work.dir, task.sandbox()).resolve("rootfs");
        await().atMost(Duration.ofSeconds(10)).until(() -> processesIn(rootfs) > 0);
        long pid = pidsIn(rootfs).get(0);
        List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
        String suffix = "/mesos/" + task.containerId();
        Path cgroup;
        if (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
            cgroup = Path.of("/sys/fs/cgroup" + lines.stream().filter(l -> l.startsWith("0::")).findFirst()
                    .orElseThrow().substring(3));
            // on cgroup v2 only an agent whose own cgroup holds no process can pass the controllers down
            assumeTrue(cgroup.toString().endsWith(suffix), "this agent's cgroup (v2) cannot have children with limits");
            assertThat(cgroup.resolve("memory.max")).hasContent(String.valueOf(64L << 20));
        } else {
            String memory = lines.stream().filter(l -> l.split(":")[1].contains("memory")).findFirst().orElseThrow();
            String cpu = lines.stream().filter(l -> List.of(l.split(":")[1].split(",")).contains("cpu")).findFirst()
                    .orElseThrow();
            cgroup = Path.of("/sys/fs/cgroup/memory" + memory.split(":", 3)[2]);
            assertThat(cgroup.toString()).endsWith(suffix);
            assertThat(cgroup.resolve("memory.limit_in_bytes")).hasContent(String.valueOf(64L << 20));
            assertThat(Path.of("/sys/fs/cgroup/cpu" + cpu.split(":", 3)[2]).resolve("cpu.shares")).hasContent("512");
        }

        task.kill(Duration.ofSeconds(1).toNanos());
        await().atMost(Duration.ofSeconds(15)).until(() -> task.state().isTerminal());
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(cgroup));
    }

    @Test
    void aRestartedAgentReattachesToARunningContainerAndCleansUpAfterIt() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        AgentTasks before = tasks(first);
        tasks = before;
        CommandTask task = start(task("lasting", mesosImage("hello:1"),
                "{\"shell\":true,\"value\":\"sleep 600\",\"user\":\"nobody\"}"));
        Path rootfs = ImageContainer.containerDir(work.dir, task.sandbox()).resolve("rootfs");
        await().atMost(Duration.ofSeconds(10)).until(() -> processesIn(rootfs) > 0);
        first.set(false); // the first agent goes; its tasks run on

        tasks = tasks(new AtomicBoolean(true));
        new AgentRecovery(work.checkpoint, tasks, work.updates, null, () -> AgentWorkDir.AGENT, "127.0.0.1").recover();
        ProvisionerOrphans.remove(work.dir, tasks.live());

        CommandTask recovered = tasks.live().iterator().next();
        assertThat(recovered.state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(recovered.pid()).isEqualTo(task.pid());
        assertThat(rootfs).isDirectory();

        recovered.kill(Duration.ofSeconds(2).toNanos());
        await().atMost(Duration.ofSeconds(15)).until(() -> recovered.state().isTerminal());
        assertThat(recovered.state()).isEqualTo(TaskState.TASK_KILLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> processesIn(rootfs) == 0);
        assertThat(rootfs).doesNotExist();
    }

    @Test
    void anAgentWithoutAnImageProviderRefusesImageTasks() throws Exception {
        config = work.config;
        tasks = tasks(new AtomicBoolean(true));

        CommandTask task = run(task("unprovided", mesosImage("hello:1"), "{\"shell\":false}"));

        assertThat(task.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(work.checkpoint.task(AgentWorkDir.FRAMEWORK, "unprovided").orElseThrow().latest().message())
                .contains("--image_providers=docker is off");
    }

    private AgentTasks tasks(AtomicBoolean attached) {
        return new AgentTasks(config, () -> AgentWorkDir.AGENT, work.checkpoint, work.updates, null, work.timers,
                Runnable::run, attached::get);
    }

    private String mesosImage(String name) {
        return "{\"type\":\"MESOS\",\"mesos\":{\"image\":{\"type\":\"DOCKER\",\"docker\":{\"name\":\""
                + registry.hostPort() + "/" + name + "\"}}}}";
    }

    private static TaskInfo task(String id, String container, String command) {
        return Json.read("""
                {"name":"%s","task_id":{"value":"%s"},"agent_id":{"value":"S1"},"resources":[],
                 "container":%s,"command":%s}""".formatted(id, id, container, command), TaskInfo.class);
    }

    private CommandTask start(TaskInfo task) {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, framework(), task));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.live().stream()
                .anyMatch(t -> t.task().taskId().equals(task.taskId()) && t.state() == TaskState.TASK_RUNNING));
        return tasks.live().stream().filter(t -> t.task().taskId().equals(task.taskId())).findFirst().orElseThrow();
    }

    private CommandTask run(TaskInfo task) {
        tasks.launch(new AgentMessages.Launch(AgentWorkDir.FRAMEWORK, framework(), task));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.completed().stream()
                .anyMatch(t -> t.task().taskId().equals(task.taskId())));
        return tasks.completed().stream().filter(t -> t.task().taskId().equals(task.taskId())).findFirst().orElseThrow();
    }

    private static FrameworkInfo framework() {
        return Json.read("{\"user\":\"root\",\"name\":\"test\",\"id\":{\"value\":\"F\"}}", FrameworkInfo.class);
    }

    /** How many processes of this host have {@code rootfs} as their root directory: the container's. */
    private static long processesIn(Path rootfs) {
        return pidsIn(rootfs).size();
    }

    private static List<Long> pidsIn(Path rootfs) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "root")).equals(rootfs);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }).toList();
    }
}
