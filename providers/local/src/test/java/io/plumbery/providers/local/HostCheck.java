package io.plumbery.providers.local;

import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the integration tests need from the host, and a listing of what of a plan is on it. */
final class HostCheck {

    private HostCheck() {
    }

    /** Null when real nodes can run here, else why not. */
    static String whyNot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "not Linux";
        }
        if (!HostTools.isRoot()) {
            return "not root (the local provider creates bridges, nftables rules and containers)";
        }
        if (!Files.isDirectory(Path.of("/sys/fs/cgroup"))) {
            return "no /sys/fs/cgroup";
        }
        if (!LocalTools.missingPackages().isEmpty() && HostTools.find("apt-get").isEmpty()) {
            return "missing host tools and no apt-get: apt-get install -y " + String.join(" ",
                    LocalTools.missingPackages());
        }
        return null;
    }

    /** Everything on the host that carries the plan's names: must be empty after a dispose. */
    static List<String> ours(LocalProvider provider) throws Exception {
        LocalNaming n = provider.naming();
        List<String> found = new ArrayList<>();
        for (String line : lines("ip", "-o", "link")) {
            if (line.contains(n.bridgePrefix()) || line.contains(n.vethPrefix()) || line.contains(n.netnsVethPrefix())) {
                found.add("link: " + line);
            }
        }
        for (String line : lines("ip", "route")) {
            boolean testSubnet = line.matches(".*\\b10\\.77\\.20[0-9]\\..*") && !line.startsWith("unreachable");
            if (line.contains(n.bridgePrefix()) || testSubnet) {
                found.add("route: " + line);
            }
        }
        if (HostTools.find("iptables").isPresent()) {
            for (String line : lines("iptables", "-w", "10", "-S", "FORWARD")) {
                if (line.contains(n.bridgePrefix())) {
                    found.add("iptables: " + line);
                }
            }
        }
        for (String line : lines("nft", "list", "tables")) {
            if (line.contains(n.nftTable())) {
                found.add("nft: " + line);
            }
        }
        String state = provider.stateDir().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (line.contains(state)) {
                found.add("mount: " + line);
            }
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(state)) {
                        found.add("process " + p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        for (Path cgroup : Cgroups.dirs(n.cgroupRoot())) {
            if (Files.exists(cgroup)) {
                found.add("cgroup: " + cgroup);
            }
        }
        for (String line : lines("sh", "-c", "find /run/systemd/nspawn 2>/dev/null || true")) {
            if (line.contains("p" + n.planHash())) {
                found.add("nspawn runtime: " + line);
            }
        }
        if (Files.exists(provider.stateDir())) {
            found.add("directory: " + provider.stateDir());
        }
        return found;
    }

    static String listing() throws Exception {
        long mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).size();
        return "  ip link: " + lines("ip", "-br", "link") + "\n  ip route: " + lines("ip", "route")
                + "\n  nft tables: " + lines("nft", "list", "tables") + "\n  mounts: " + mounts
                + "\n  /run/systemd/nspawn entries: " + lines("sh", "-c", "find /run/systemd/nspawn -mindepth 2 2>/dev/null | wc -l")
                + "\n  nspawn processes: " + lines("sh", "-c", "ps -eo args | grep -c '^[s]ystemd-nspawn\\|/[s]ystemd-nspawn' || true");
    }

    private static List<String> lines(String... command) throws Exception {
        String out = Exec.run(Duration.ofSeconds(30), List.of(command)).out();
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
