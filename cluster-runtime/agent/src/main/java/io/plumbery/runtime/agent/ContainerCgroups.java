package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image container's own cgroups, as Mesos's cgroups/cpu and cgroups/mem isolators make them: {@code mesos/RUN}
 * under the agent's own cgroup (so that a service manager that delegates the agent its cgroup keeps the containers
 * inside it), with the task's cpus as cpu shares (1024 a cpu; cgroup v2's {@code cpu.weight} scaled from them) and
 * its mem as the hard memory limit. Where the agent may not make them (no writable hierarchy, a cgroup v2 parent
 * holding processes), the container runs without, as command tasks do, and the agent says so once.
 */
final class ContainerCgroups {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerCgroups.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static volatile boolean warned;

    private final List<Path> dirs;

    private ContainerCgroups(List<Path> dirs) {
        this.dirs = dirs;
    }

    /** The cgroup directories the container joins: one per v1 controller, or its one v2 cgroup. */
    List<Path> dirs() {
        return dirs;
    }

    /** The cgroups of run {@code runId} with the task's limits; none where the agent cannot make them. */
    static ContainerCgroups make(String runId, Resources resources) {
        long shares = Math.max(2, Math.round(resources.scalar("cpus") * 1024));
        double memMb = resources.scalar("mem");
        try {
            if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
                Path dir = unified(runId);
                write(dir.resolve("cpu.weight"), String.valueOf(1 + ((shares - 2) * 9999) / 262142));
                if (memMb > 0) {
                    write(dir.resolve("memory.max"), String.valueOf(bytes(memMb)));
                }
                return new ContainerCgroups(List.of(dir));
            }
            List<Path> made = new ArrayList<>();
            Path cpu = legacy("cpu", runId);
            made.add(cpu);
            write(cpu.resolve("cpu.shares"), String.valueOf(shares));
            Path memory = legacy("memory", runId);
            made.add(memory);
            if (memMb > 0) {
                write(memory.resolve("memory.limit_in_bytes"), String.valueOf(bytes(memMb)));
            }
            return new ContainerCgroups(List.copyOf(made));
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("Image containers run without cgroup limits on this agent: {}", e.toString());
            }
            new ContainerCgroups(existing(runId)).remove();
            return new ContainerCgroups(List.of());
        }
    }

    /**
     * Removes the container's cgroups. Called once its first process ended, when the kernel is still releasing the
     * last of the others: a busy cgroup is tried again for a second, then left to the next agent start.
     */
    void remove() {
        for (Path dir : dirs) {
            for (int attempt = 0; Files.isDirectory(dir); attempt++) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    if (attempt >= 20) {
                        LOG.info("Could not remove cgroup {}: {}", dir, e.toString());
                        break;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                }
            }
            try {
                Files.deleteIfExists(dir.getParent()); // mesos/, once no container is left in it
            } catch (IOException e) {
                // another container's still
            }
        }
    }

    /** The cgroups that a run of this id may have left (after an agent restart). */
    static ContainerCgroups of(String runId) {
        return new ContainerCgroups(existing(runId));
    }

    private static List<Path> existing(String runId) {
        List<Path> out = new ArrayList<>();
        for (String controller : List.of("", "cpu", "memory")) {
            own(controller).map(base -> base.resolve("mesos").resolve(runId)).filter(Files::isDirectory)
                    .ifPresent(out::add);
        }
        return out;
    }

    private static Path unified(String runId) throws IOException {
        Path base = own("").orElseThrow(() -> new IOException("the agent's own cgroup (v2) is unknown"));
        Path mesos = Files.createDirectories(base.resolve("mesos"));
        // a v2 child gets limits only where its parents pass the controllers down (no process in the agent's own)
        write(base.resolve("cgroup.subtree_control"), "+cpu +memory");
        write(mesos.resolve("cgroup.subtree_control"), "+cpu +memory");
        return Files.createDirectories(mesos.resolve(runId));
    }

    private static Path legacy(String controller, String runId) throws IOException {
        Path base = own(controller).orElseThrow(() -> new IOException("no cgroup v1 hierarchy of " + controller));
        return Files.createDirectories(base.resolve("mesos").resolve(runId));
    }

    /** The agent's own cgroup in the hierarchy of {@code controller} ("" for v2), from /proc/self/cgroup. */
    private static Optional<Path> own(String controller) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":", 3);
                boolean match = controller.isEmpty() ? f[0].equals("0") && f[1].isEmpty()
                        : List.of(f[1].split(",")).contains(controller);
                if (match) {
                    Path hierarchy = controller.isEmpty() ? ROOT : ROOT.resolve(controller);
                    Path dir = hierarchy.resolve(f[2].substring(1));
                    return Files.isDirectory(dir) && (!controller.isEmpty() || hierarchy.resolve("cgroup.controllers")
                            .toFile().exists()) ? Optional.of(dir) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static long bytes(double mb) {
        return Math.round(mb * 1024 * 1024);
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
