package io.plumbery.runtime.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where one task runs: a plain process tree on the agent ({@link ProcessContainer}, what Mesos's "mesos"
 * containerizer does without isolators), a Docker container ({@link DockerContainer}), or a container image the
 * agent provisions itself ({@link ImageContainer}). {@link CommandTask}
 * owns the task's life (states, health, checkpoints) and asks its container only these things.
 */
interface TaskContainer {

    /** Makes the sandbox ready for the task once its files are fetched; refuses a task that cannot run here. */
    default void prepare(Path sandbox) throws IOException, LaunchRefused {
    }

    /** The process the agent supervises; its exit status is the task's. */
    ProcessBuilder process(Map<String, String> environment);

    /** Asks the task to stop (SIGTERM or {@code docker stop}), forcibly once {@code graceNanos} have passed. */
    void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers);

    /** Stops the task at once, no grace. */
    void destroy(ProcessHandle supervised);

    /** argv that runs a shell command where the task runs (COMMAND health checks). */
    List<String> shell(String command);

    /** Why the task could not start, when its exit status says so (e.g. Docker could not create the container). */
    default Optional<String> launchFailure(int exitStatus) {
        return Optional.empty();
    }

    /** The process whose tree holds what the task runs, for its resource usage; empty when there is none. */
    default Optional<ProcessHandle> usageRoot(ProcessHandle supervised) {
        return Optional.of(supervised);
    }

    /** Frees what the container held once its processes ended (an image's root filesystem copy). */
    default void cleanup() {
    }

    /** Wraps argv in a shell that records its exit status in the sandbox, so a restarted agent can still tell. */
    static List<String> recordingExit(List<String> argv) {
        List<String> out = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "\"$0\" \"$@\"; rc=$?; echo $rc > " + CommandTask.EXIT_FILE + "; exit $rc"));
        out.addAll(argv);
        return out;
    }
}
