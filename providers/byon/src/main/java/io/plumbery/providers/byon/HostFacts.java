package io.plumbery.providers.byon;

import io.plumbery.providers.NodeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an existing machine is, as the byon provider needs to know it: its size and system, and whether it can be
 * prepared at all (password-less sudo, systemd as init).
 *
 * @param osId      {@code ID} of {@code /etc/os-release} ({@code debian}, {@code ubuntu}...)
 * @param osVersion {@code VERSION_ID} ({@code 12}, {@code 22.04}...)
 */
public record HostFacts(int cpus, long memoryMb, String osId, String osVersion, boolean sudo, boolean systemd) {

    /** One command that prints the facts, one {@code key=value} a line; it needs no privilege. */
    static final String PROBE = "echo cpus=$(nproc); "
            + "echo memkb=$(awk '/^MemTotal:/{print $2}' /proc/meminfo); "
            + "( . /etc/os-release 2>/dev/null; echo os=$ID; echo version=$VERSION_ID ); "
            + "if sudo -n true 2>/dev/null; then echo sudo=yes; else echo sudo=no; fi; "
            + "if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi";

    /** The facts in the probe's output; what is missing reads as none. */
    static HostFacts parse(String output) {
        int cpus = 0;
        long memKb = 0;
        String os = "";
        String version = "";
        boolean sudo = false;
        boolean systemd = false;
        for (String line : output.split("\n")) {
            String[] kv = line.strip().split("=", 2);
            if (kv.length < 2) {
                continue;
            }
            String v = kv[1].strip();
            switch (kv[0]) {
                case "cpus" -> cpus = parseInt(v);
                case "memkb" -> memKb = parseInt(v);
                case "os" -> os = v.toLowerCase(Locale.ROOT);
                case "version" -> version = v;
                case "sudo" -> sudo = v.equals("yes");
                case "systemd" -> systemd = v.equals("yes");
                default -> { }
            }
        }
        return new HostFacts(cpus, memKb / 1024, os, version, sudo, systemd);
    }

    /** What keeps plumbery from preparing the machine at all. */
    List<String> unusable() {
        List<String> faults = new ArrayList<>();
        if (!sudo) {
            faults.add("its user has no password-less sudo ('sudo -n true' fails)");
        }
        if (!systemd) {
            faults.add("it does not run systemd, which the cluster's services need");
        }
        return faults;
    }

    /**
     * Where the machine falls short of what the plan asks for the node: fewer CPUs, less memory (the kernel keeps
     * some: 90 % of the asked amount is enough), another system than the plan's {@code appliance} names.
     */
    List<String> shortOf(NodeRequest request) {
        List<String> faults = new ArrayList<>();
        if (request.cpu() > 0 && cpus < request.cpu()) {
            faults.add(cpus + " CPU(s), the plan asks " + request.cpu());
        }
        if (request.memoryMb() > 0 && memoryMb < request.memoryMb() * 9L / 10) {
            faults.add(memoryMb + " MiB of memory, the plan asks " + request.memoryMb());
        }
        distribution(request.image()).ifPresent(wanted -> {
            if (!wanted.matches(osId, osVersion)) {
                faults.add(describe() + ", the plan asks for " + request.image());
            }
        });
        return faults;
    }

    String describe() {
        return (osId.isEmpty() ? "an unknown system" : osId + (osVersion.isEmpty() ? "" : " " + osVersion));
    }

    /** A system an appliance name means: a distribution and, when given, its version's leading part. */
    record Distribution(String id, String version) {
        boolean matches(String osId, String osVersion) {
            return id.equals(osId) && (version == null || osVersion.equals(version) || osVersion.startsWith(version + "."));
        }
    }

    private static final Pattern APPLIANCE = Pattern.compile(
            "(?i)\\b(debian|ubuntu|centos|rhel|red ?hat|rocky|alma(?:linux)?|fedora|opensuse|sles)\\b\\D*(\\d+(?:\\.\\d+)?)?");

    /** The system an appliance name names ({@code Debian 12}, {@code Ubuntu 22.04 64-bit}); empty when it names none. */
    static Optional<Distribution> distribution(String appliance) {
        if (appliance == null) {
            return Optional.empty();
        }
        Matcher m = APPLIANCE.matcher(appliance);
        if (!m.find()) {
            return Optional.empty();
        }
        String id = m.group(1).toLowerCase(Locale.ROOT).replace(" ", "");
        id = switch (id) {
            case "redhat" -> "rhel";
            case "alma" -> "almalinux";
            case "opensuse" -> "opensuse-leap";
            default -> id;
        };
        return Optional.of(new Distribution(id, m.group(2)));
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
