package io.plumbery.providers.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every provider of this host does to the host's network for a plan network, through {@code ip}: makes
 * sure its subnet is not in use here already, and routes it nowhere while the network is the plan's (the route
 * goes once nothing of the network is left on the host, so that the host is left as it was found).
 */
public final class HostNetwork {

    public static final int UNREACHABLE_METRIC = 9999;
    private static final Duration T = Duration.ofSeconds(30);

    private HostNetwork() {
    }

    /**
     * Takes a plan network's subnet on this host: it may overlap neither another network of the plan nor an
     * address of the host. The network is recorded, then its subnet routed nowhere, before anything of it
     * exists on the host: its traffic never takes the default route while anything of the network is left. Call
     * locked.
     */
    public static void claim(PlanRecords records, String network, String bridge, Subnet subnet)
            throws ProviderException, IOException {
        records.checkNoOverlap(network, subnet);
        checkUnused(subnet, bridge, network);
        records.putNetwork(new PlanRecords.NetworkSpec(network, bridge, subnet.toString()));
        ensureUnreachableRoute(subnet);
    }

    /** {@code ip route add unreachable SUBNET metric 9999}, unless it is there already. */
    public static void ensureUnreachableRoute(Subnet subnet) throws ProviderException {
        if (hasUnreachableRoute(subnet)) {
            return;
        }
        Exec.Result r = Exec.run(T, List.of("ip", "route", "add", "unreachable", subnet.toString(), "metric",
                String.valueOf(UNREACHABLE_METRIC)));
        if (!r.ok() && !r.err().contains("File exists")) {
            throw new ProviderException("cannot add the route '" + unreachableRoute(subnet) + "': " + r.err().trim());
        }
    }

    /**
     * Removes the subnet's unreachable route once nothing on this host can send there: call when the network's
     * bridge is gone. Where an interface still has an address in the subnet (another plan's network, or one the
     * host made since), the route is not ours to judge and stays.
     */
    public static void removeUnreachableRoute(Subnet subnet) throws ProviderException {
        if (!hasUnreachableRoute(subnet) || addressConflict(subnet, "").isPresent()) {
            return;
        }
        Exec.Result r = Exec.run(T, List.of("ip", "route", "del", "unreachable", subnet.toString(), "metric",
                String.valueOf(UNREACHABLE_METRIC)));
        if (!r.ok() && hasUnreachableRoute(subnet)) {
            throw new ProviderException("cannot remove the route '" + unreachableRoute(subnet) + "': " + r.err().trim());
        }
    }

    public static boolean hasUnreachableRoute(Subnet subnet) throws ProviderException {
        for (JsonNode route : ip(List.of("ip", "-j", "-4", "route", "show", "type", "unreachable"))) {
            if (subnet.toString().equals(route.path("dst").asText())
                    && route.path("metric").asInt() == UNREACHABLE_METRIC) {
                return true;
            }
        }
        return false;
    }

    /** The route that keeps a plan subnet's traffic off the default route, as {@code ip route} writes it. */
    public static String unreachableRoute(Subnet subnet) {
        return "unreachable " + subnet + " metric " + UNREACHABLE_METRIC;
    }

    /** Fails, naming the interface, when the subnet of {@code network} is already used on this host. */
    public static void checkUnused(Subnet subnet, String ownBridge, String network) throws ProviderException {
        Optional<String> conflict = addressConflict(subnet, ownBridge);
        if (conflict.isPresent()) {
            throw new ProviderException("subnet " + subnet + " of network " + network
                    + " is already used on this host by " + conflict.get() + "; give the plan another subnet");
        }
    }

    /** An interface other than {@code ownBridge} that already has an address in the subnet, if any. */
    public static Optional<String> addressConflict(Subnet subnet, String ownBridge) throws ProviderException {
        for (JsonNode link : ip(List.of("ip", "-j", "-4", "addr", "show"))) {
            String name = link.path("ifname").asText();
            if (name.equals(ownBridge)) {
                continue;
            }
            for (JsonNode addr : link.path("addr_info")) {
                String local = addr.path("local").asText();
                int prefix = addr.path("prefixlen").asInt(32);
                if (!local.isEmpty() && overlaps(subnet, local, prefix)) {
                    return Optional.of(name + " (" + local + "/" + prefix + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** An interface address conflicts when it is inside the subnet or its own /16-or-longer network overlaps it. */
    static boolean overlaps(Subnet subnet, String address, int prefix) {
        if (subnet.contains(address)) {
            return true;
        }
        return prefix >= 16 && Subnet.containing(Subnet.parseAddress(address), prefix).overlaps(subnet);
    }

    /** The JSON an {@code ip -j} command prints (an empty list when it prints nothing). */
    public static JsonNode ip(List<String> command) throws ProviderException {
        String out = Exec.check(T, command);
        try {
            return RecordDir.JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new ProviderException("cannot read the output of " + String.join(" ", command), false, e);
        }
    }
}
