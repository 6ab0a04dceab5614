package io.plumbery.runtime.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * When a process started, as Linux tells it: the boot it started in ({@code /proc/sys/kernel/random/boot_id}) and its
 * start time in clock ticks since that boot ({@code /proc/PID/stat}, field 22). A pid alone may name another process
 * after a reboot or once the kernel reuses it; a pid with its start is one process only.
 */
record ProcessStart(String bootId, long startTicks) {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final int START_TIME_FIELD = 22;

    /** The start of the running process with this pid, empty when none runs (or this is no Linux). */
    static Optional<ProcessStart> of(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try {
            String boot = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return Optional.of(new ProcessStart(boot, startTicks(stat)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Field 22 of a stat line. The second field, the command name in parentheses, may hold spaces and parentheses
     * itself, so fields are counted from the last {@code )}, which ends it.
     */
    static long startTicks(String stat) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        return Long.parseLong(rest[START_TIME_FIELD - 3]);
    }

    /** Whether the process with this pid now is the one that started so. */
    boolean isRunning(long pid) {
        return of(pid).filter(this::equals).isPresent();
    }
}
