package io.plumbery.providers.local;

import io.plumbery.net.Subnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loopback addresses ({@code 127.0.0.0/8}) this host uses, which a public address must not take: those its
 * TCP and UDP sockets listen on, and those {@code /etc/hosts} names (Debian's {@code 127.0.1.1} for the host's
 * own name). Read from {@code /proc} and {@code /etc}, without running anything.
 */
final class HostLoopback {

    private static final Subnet LOOPBACK = Subnet.parse("127.0.0.0/8");
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private HostLoopback() {
    }

    static Set<String> inUse() {
        Set<String> found = new TreeSet<>();
        found.addAll(listening(read(Path.of("/proc/net/tcp")), TCP_LISTEN));
        found.addAll(listening(read(Path.of("/proc/net/udp")), UDP_UNCONNECTED));
        found.addAll(named(read(Path.of("/etc/hosts"))));
        return found;
    }

    /** Loopback addresses of sockets in {@code state}, from a {@code /proc/net/tcp} or {@code udp} table. */
    static List<String> listening(List<String> table, String state) {
        List<String> out = new ArrayList<>();
        for (String line : table) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals(state) || !f[1].contains(":")) {
                continue;
            }
            String hex = f[1].substring(0, f[1].indexOf(':'));
            if (hex.length() != 8) {
                continue;
            }
            // the kernel prints the address as a host-order (little-endian) word
            long word = Long.parseLong(hex, 16);
            int address = (int) (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >> 8) & 0xff00)
                    | ((word >> 24) & 0xff));
            String dotted = Subnet.format(address);
            if (LOOPBACK.contains(dotted)) {
                out.add(dotted);
            }
        }
        return out;
    }

    /** Loopback addresses that {@code /etc/hosts} gives a name. */
    static List<String> named(List<String> hosts) {
        List<String> out = new ArrayList<>();
        for (String line : hosts) {
            String[] f = line.replaceFirst("#.*", "").trim().split("\\s+");
            if (f.length >= 2 && f[0].matches("127(\\.\\d{1,3}){3}")) {
                out.add(f[0]);
            }
        }
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux, or not readable: nothing known to be in use
        }
    }
}
