package io.plumbery.providers.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process this host started detached, found again through the PID its launcher wrote: alive only while
 * that PID runs (not a zombie) with {@code mark} in its command line, so that a PID reused by another
 * process is never taken for ours.
 */
public final class PidFile {

    private PidFile() {
    }

    public static Optional<Long> alive(Path pidFile, String mark) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Path proc = Path.of("/proc", String.valueOf(pid));
            String stat = Files.readString(proc.resolve("stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
            return !state.equals("Z") && cmd.contains(mark) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
