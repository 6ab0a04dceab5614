package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.CommandInfo;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task in a Docker container, run as Mesos's Docker containerizer runs it: {@code docker run} in the foreground
 * (its exit status is the container's), named {@code mesos-<agent id>.<run id>}, the sandbox mounted at
 * {@code /mnt/mesos/sandbox}, cpu shares and a memory limit from the task's resources, {@code docker stop -t}
 * for a kill with a grace period. Unlike command tasks, these limits are enforced by the engine.
 */
final class DockerContainer implements TaskContainer {
    static final String SANDBOX = "/mnt/mesos/sandbox";
    /** {@code docker run}'s own failures (no such image, bad option) exit 125; 126 and 127: command not runnable. */
    private static final int DOCKER_RUN_FAILED = 125;

    private final DockerCli docker;
    private final TaskInfo task;
    private final String name;
    private final Path sandbox;

    DockerContainer(DockerCli docker, TaskInfo task, String name, Path sandbox) {
        this.docker = docker;
        this.task = task;
        this.name = name;
        this.sandbox = sandbox;
    }

    /** The container name for a task run: agent id then the sandbox's run id, so orphans can be found by prefix. */
    static String name(String agentId, Path sandbox) {
        return prefix(agentId) + sandbox.getFileName();
    }

    static String prefix(String agentId) {
        return "mesos-" + agentId + ".";
    }

    String name() {
        return name;
    }

    /** The container's first process: the {@code docker run} the agent supervises is only its client. */
    @Override
    public Optional<ProcessHandle> usageRoot(ProcessHandle supervised) {
        DockerCli.Result pid = docker.run(Duration.ofSeconds(5), "inspect", "--format", "{{.State.Pid}}", name);
        try {
            return pid.ok() ? ProcessHandle.of(Long.parseLong(pid.stdout().strip())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public ProcessBuilder process(Map<String, String> environment) {
        return new ProcessBuilder(TaskContainer.recordingExit(runArgv(environment)));
    }

    List<String> runArgv(Map<String, String> environment) {
        if (docker == null) {
            throw new IllegalStateException("the Docker containerizer is not on for this agent (--containerizers)");
        }
        JsonNode info = task.container();
        JsonNode d = info.path("docker");
        String image = d.path("image").asText("");
        if (image.isBlank()) {
            throw new IllegalArgumentException("Docker task has no image");
        }
        List<String> argv = new ArrayList<>(List.of(docker.binary(), "run", "--rm", "--name", name));
        if (d.path("force_pull_image").asBoolean(false)) {
            argv.add("--pull=always");
        }
        Resources res = Resources.fromProto(task.resources());
        double cpus = res.scalar("cpus");
        if (cpus > 0) {
            argv.add("--cpu-shares=" + Math.max(2, Math.round(cpus * 1024)));
        }
        double mem = res.scalar("mem");
        if (mem > 0) {
            argv.add("--memory=" + Math.max(6, Math.round(mem)) + "m"); // Docker's smallest limit is 6 MB
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("MESOS_SANDBOX", SANDBOX);
        env.put("MESOS_CONTAINER_NAME", name);
        env.forEach((k, v) -> argv.add("--env=" + k + "=" + v));
        argv.add("--volume=" + sandbox + ":" + SANDBOX);
        for (JsonNode v : info.path("volumes")) {
            String mode = v.path("mode").asText("RW").equalsIgnoreCase("RO") ? "ro" : "rw";
            argv.add("--volume=" + (v.hasNonNull("host_path") ? v.get("host_path").asText() + ":" : "")
                    + v.path("container_path").asText() + (v.hasNonNull("host_path") ? ":" + mode : ""));
        }
        String network = d.path("network").asText("HOST").toUpperCase(Locale.ROOT);
        argv.add("--net=" + switch (network) {
            case "BRIDGE" -> "bridge";
            case "NONE" -> "none";
            case "USER" -> info.path("network_infos").path(0).path("name").asText("bridge");
            default -> "host";
        });
        for (JsonNode m : d.path("port_mappings")) {
            argv.add("--publish=" + m.path("host_port").asInt() + ":" + m.path("container_port").asInt() + "/"
                    + m.path("protocol").asText("tcp"));
        }
        if (d.path("privileged").asBoolean(false)) {
            argv.add("--privileged");
        }
        for (JsonNode p : d.path("parameters")) {
            argv.add("--" + p.path("key").asText() + "=" + p.path("value").asText());
        }
        CommandInfo command = task.command();
        boolean shell = command != null && command.isShell() && command.value() != null;
        if (shell) {
            // as Mesos: a shell command replaces the image's entrypoint (MESOS-1770)
            argv.add("--entrypoint=/bin/sh");
        }
        argv.add(image);
        if (shell) {
            argv.add("-c");
            argv.add(command.value());
        } else if (command != null) {
            if (command.value() != null) {
                argv.add(command.value());
            }
            if (command.arguments() != null) {
                argv.addAll(command.arguments());
            }
        }
        return argv;
    }

    /** {@code docker stop -t}: SIGTERM in the container, SIGKILL from the engine after the grace period. */
    @Override
    public void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers) {
        long seconds = Math.max(0, (long) Math.ceil(graceNanos / 1e9));
        timers.execute(() -> docker.run(Duration.ofSeconds(seconds + 30), "stop", "--time=" + seconds, name));
        // should the engine not answer, the client goes so that the task still ends (the container is then an orphan
        // that the next agent start removes)
        timers.schedule(() -> destroyClient(supervised), seconds + 45, TimeUnit.SECONDS);
    }

    @Override
    public void destroy(ProcessHandle supervised) {
        docker.removeForcibly(name);
        destroyClient(supervised);
    }

    private static void destroyClient(ProcessHandle supervised) {
        supervised.descendants().forEach(ProcessHandle::destroyForcibly);
        supervised.destroyForcibly();
    }

    /** Health commands run inside the container, as Mesos's Docker executor runs them. */
    @Override
    public List<String> shell(String command) {
        return List.of(docker.binary(), "exec", name, "/bin/sh", "-c", command);
    }

    @Override
    public Optional<String> launchFailure(int exitStatus) {
        if (exitStatus != DOCKER_RUN_FAILED) {
            return Optional.empty();
        }
        try {
            // Docker's own error line, not the "See/Run 'docker run --help'" hint that follows it
            String error = Files.readAllLines(sandbox.resolve("stderr"), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> l.startsWith("docker:")).reduce((a, b) -> b)
                    .map(l -> l.substring("docker:".length()).strip()).orElse("docker run exited 125");
            return Optional.of("Failed to launch container: " + error);
        } catch (IOException e) {
            return Optional.of("Failed to launch container: docker run exited 125");
        }
    }
}
