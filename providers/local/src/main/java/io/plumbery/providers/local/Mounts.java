package io.plumbery.providers.local;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Mounts of the host's mount namespace (the provider makes none there; this cleans up after others' crashes). */
final class Mounts {

    private Mounts() {
    }

    static List<String> under(Path dir) {
        List<String> found = new ArrayList<>();
        String prefix = dir.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    String mountPoint = fields[4].replace("\\040", " ");
                    if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                        found.add(mountPoint);
                    }
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to unmount
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        return found;
    }

    static void unmountUnder(Path dir) throws ProviderException {
        for (String mountPoint : under(dir)) {
            Exec.run(Duration.ofSeconds(30), List.of("umount", "-l", mountPoint));
        }
    }
}
