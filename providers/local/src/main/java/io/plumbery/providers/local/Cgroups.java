package io.plumbery.providers.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The cgroup of one node, {@code plumbery/<plan>/<node>} in every hierarchy the host has: the launcher
 * moves itself there before starting systemd-nspawn, so every process of the node can be found and
 * killed from the cgroup alone. On a cgroup-v1 host the memory and cpu controllers are written by root
 * here (nobody else manages them), which enforces the plan's limits.
 */
final class Cgroups {

    static final Path ROOT = Path.of("/sys/fs/cgroup");

    private Cgroups() {
    }

    static boolean unifiedOnly() {
        return Files.exists(ROOT.resolve("cgroup.controllers"));
    }

    /** The hierarchies a node joins. */
    static List<Path> hierarchies() {
        if (unifiedOnly()) {
            return List.of(ROOT);
        }
        List<Path> found = new ArrayList<>();
        for (String name : List.of("systemd", "unified", "memory", "cpu", "pids")) {
            Path h = ROOT.resolve(name);
            if (Files.exists(h.resolve("cgroup.procs"))) {
                found.add(h);
            }
        }
        return found;
    }

    static List<Path> dirs(String relative) {
        return hierarchies().stream().map(h -> h.resolve(relative)).toList();
    }

    /** Creates the node's cgroups and applies the limits where the host lets us; says what happened. */
    static String prepare(String relative, int cpu, int memoryMb, boolean enforce) {
        for (Path dir : dirs(relative)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                // the launcher tries again and goes on without this hierarchy
            }
        }
        if (!enforce) {
            return "not enforced (option limits=false)";
        }
        if (unifiedOnly()) {
            return "not enforced (cgroup v2 host: controllers are not delegated to plumbery)";
        }
        List<String> applied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Path memory = ROOT.resolve("memory").resolve(relative);
        if (memoryMb > 0) {
            if (write(memory.resolve("memory.limit_in_bytes"), String.valueOf((long) memoryMb << 20))) {
                applied.add("memory " + memoryMb + " MiB");
            } else {
                failed.add("memory");
            }
        }
        Path cpuDir = ROOT.resolve("cpu").resolve(relative);
        if (cpu > 0) {
            if (write(cpuDir.resolve("cpu.cfs_period_us"), "100000")
                    && write(cpuDir.resolve("cpu.cfs_quota_us"), String.valueOf(cpu * 100000L))) {
                applied.add("cpu " + cpu);
            } else {
                failed.add("cpu");
            }
        }
        if (failed.isEmpty()) {
            return applied.isEmpty() ? "none requested" : "enforced (cgroup v1: " + String.join(", ", applied) + ")";
        }
        return "not enforced for " + String.join(", ", failed) + " (the host's cgroup controllers are not writable)"
                + (applied.isEmpty() ? "" : "; enforced: " + String.join(", ", applied));
    }

    /** Every process in the node's cgroups, sub-cgroups included. */
    static Set<Long> pids(String relative) {
        Set<Long> pids = new TreeSet<>();
        for (Path dir : dirs(relative)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path procs : files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
                    for (String line : Files.readAllLines(procs)) {
                        if (!line.isBlank()) {
                            pids.add(Long.parseLong(line.trim()));
                        }
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a cgroup vanished while we read it
            }
        }
        return pids;
    }

    /** SIGKILL to every process of the node (cgroup.kill where the kernel has it). */
    static void killAll(String relative) {
        for (Path dir : dirs(relative)) {
            Path kill = dir.resolve("cgroup.kill");
            if (Files.exists(kill)) {
                write(kill, "1");
            }
        }
        for (long pid : pids(relative)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Removes the node's (empty) cgroups, deepest first, and the plan's parents when they are empty. */
    static void remove(String relative) {
        for (Path dir : dirs(relative)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path d : all.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(d);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // still populated: the next destroy tries again
            }
        }
    }

    static void removeParents(String planRelative) {
        for (Path h : hierarchies()) {
            try {
                Files.deleteIfExists(h.resolve(planRelative));
                Files.deleteIfExists(h.resolve("plumbery"));
            } catch (IOException e) {
                // not empty: another node or plan still has cgroups there
            }
        }
    }

    private static boolean write(Path file, String value) {
        try {
            Files.writeString(file, value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
