package io.plumbery.providers.vagrant;

import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.PackageProxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The way from a plan network to the host's package proxy: an iptables rule of the nat table's
 * {@code PREROUTING} chain that forwards the gateway's port {@link PackageProxy#PORT}, for the network's own
 * addresses, to the proxy's loopback listener, which {@code route_localnet} on the bridge lets through. Nodes
 * reach the host's address on their network directly (it is on their link), so nothing else is needed. What
 * {@code route_localnet} would let through besides, a packet a node addresses to {@code 127.0.0.0/8} itself, is
 * dropped first, in the raw table ({@link #guard}). Both rules go when the network goes.
 */
final class ProxyForward {

    /** No spaces: rules are found again in {@code iptables -S} output, split on spaces. */
    static final String COMMENT = "plumbery-package-proxy";
    static final String GUARD_COMMENT = "plumbery-loopback-guard";
    private static final Duration T = Duration.ofSeconds(30);

    private ProxyForward() {
    }

    /** The rule, as {@code iptables -t nat} takes it after the operation. */
    static List<String> rule(String bridge, Subnet subnet) {
        return List.of("PREROUTING", "-i", bridge, "-s", subnet.toString(), "-d", AddressPlan.hostAddress(subnet),
                "-p", "tcp", "--dport", String.valueOf(PackageProxy.PORT), "-m", "comment", "--comment", COMMENT,
                "-j", "DNAT", "--to-destination", PackageProxy.LISTEN);
    }

    /** The guard, as {@code iptables -t raw} takes it after the operation. */
    static List<String> guard(String bridge) {
        return List.of("PREROUTING", "-i", bridge, "-d", "127.0.0.0/8", "-m", "comment", "--comment", GUARD_COMMENT,
                "-j", "DROP");
    }

    static void ensure(String bridge, Subnet subnet) throws ProviderException {
        ensureRule("raw", guard(bridge), "cannot keep " + bridge + " off the host's loopback");
        Path localnet = Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet");
        try {
            Files.writeString(localnet, "1");
        } catch (IOException e) {
            throw new ProviderException("cannot set route_localnet on " + bridge + " for the package proxy: "
                    + e.getMessage());
        }
        ensureRule("nat", rule(bridge, subnet), "cannot forward the package proxy's port to " + bridge);
    }

    private static void ensureRule(String table, List<String> rule, String failure) throws ProviderException {
        if (!iptables(table, "-C", rule).ok()) {
            Exec.Result r = iptables(table, "-I", rule);
            if (!r.ok()) {
                throw new ProviderException(failure + ": " + r.why().strip());
            }
        }
    }

    /** Removes the rules of {@code bridge}, if any. */
    static void remove(String bridge) throws ProviderException {
        removeWhere("-i " + bridge + " ");
    }

    /** Removes the rules of every bridge whose name starts with {@code bridgePrefix}. */
    static void removeAll(String bridgePrefix) throws ProviderException {
        removeWhere("-i " + bridgePrefix);
    }

    private static void removeWhere(String match) throws ProviderException {
        removeWhere("nat", match, COMMENT);
        removeWhere("raw", match, GUARD_COMMENT);
    }

    private static void removeWhere(String table, String match, String comment) throws ProviderException {
        for (String line : iptables(table, "-S", List.of("PREROUTING")).out().lines().toList()) {
            if (line.startsWith("-A PREROUTING ") && line.contains(match) && line.contains("--comment " + comment)) {
                iptables(table, "-D", List.of(line.substring(3).split(" ")));
            }
        }
    }

    private static Exec.Result iptables(String table, String op, List<String> rule) throws ProviderException {
        List<String> command = new ArrayList<>(List.of("iptables", "--wait", "10", "-t", table, op));
        command.addAll(rule);
        return Exec.run(T, command);
    }
}
