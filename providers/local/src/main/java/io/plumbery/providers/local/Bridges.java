package io.plumbery.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.HostTools;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local provider's side of the host network, through {@code ip}, {@code iptables} and {@code nft}: a bridge
 * per plan network, what lets traffic through iptables' FORWARD chain for it, and the plan's nftables table.
 */
final class Bridges {

    private static final Duration T = Duration.ofSeconds(30);

    private Bridges() {
    }

    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    static List<String> links(String prefix) {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path link : dir) {
                String name = link.getFileName().toString();
                if (name.startsWith(prefix)) {
                    found.add(name);
                }
            }
        } catch (IOException e) {
            // no sysfs: nothing found
        }
        found.sort(null);
        return found;
    }

    /** The bridge up, with the subnet's first address, loopback-routable (public addresses DNAT from 127/8). */
    static void ensureBridge(String bridge, Subnet subnet) throws ProviderException {
        if (!linkExists(bridge)) {
            Exec.Result r = Exec.run(T, List.of("ip", "link", "add", bridge, "type", "bridge"));
            if (!r.ok() && !r.err().contains("File exists")) {
                throw new ProviderException("cannot create bridge " + bridge + ": " + r.err().trim());
            }
        }
        String host = AddressPlan.hostAddress(subnet) + "/" + subnet.prefix();
        boolean hasAddress = false;
        for (JsonNode link : HostNetwork.ip(List.of("ip", "-j", "-4", "addr", "show", "dev", bridge))) {
            for (JsonNode addr : link.path("addr_info")) {
                hasAddress |= AddressPlan.hostAddress(subnet).equals(addr.path("local").asText());
            }
        }
        if (!hasAddress) {
            Exec.check(T, List.of("ip", "addr", "add", host, "dev", bridge));
        }
        sysctl("net/ipv4/conf/" + bridge + "/route_localnet", "1");
        sysctl("net/ipv6/conf/" + bridge + "/disable_ipv6", "1");
        Exec.check(T, List.of("ip", "link", "set", bridge, "up"));
        ensureForwardingWithin(bridge);
    }

    /** Removes a plan's bridge and what was set up for it outside the plan's own nftables table. */
    static void deleteBridge(String bridge) throws ProviderException {
        removeForwardingWithin(bridge);
        deleteLink(bridge);
    }

    /**
     * Docker sets iptables' FORWARD policy to DROP, and with br_netfilter (which Docker loads) frames between nodes
     * on one bridge pass that chain too: nodes could no longer talk to each other. nftables cannot overrule a drop
     * in another base chain, so where iptables exists one ACCEPT for traffic within the bridge goes first in its
     * FORWARD chain, as Docker does for its own bridge.
     */
    static void ensureForwardingWithin(String bridge) throws ProviderException {
        if (HostTools.find("iptables").isEmpty()) {
            return;
        }
        if (!Exec.run(T, forwardRule("-C", bridge)).ok()) {
            Exec.Result r = Exec.run(T, forwardRule("-I", bridge));
            if (!r.ok()) {
                throw new ProviderException("cannot let traffic within bridge " + bridge
                        + " through iptables' FORWARD chain: " + r.err().trim());
            }
        }
    }

    static void removeForwardingWithin(String bridge) throws ProviderException {
        if (HostTools.find("iptables").isEmpty()) {
            return;
        }
        for (int i = 0; i < 10 && Exec.run(T, forwardRule("-D", bridge)).ok(); i++) {
            // a rule added twice (by hand, or by two racing runs) goes too; bounded
        }
    }

    /**
     * iptables' side of the accept lists (see {@link #ensureForwardingWithin} for why it is needed): for each bridge
     * and accepted source, new traffic in and the replies back out. All rules carry {@code tag}, and the whole set
     * is replaced on every change, so it is always what the records say.
     */
    static void syncRoutedAccepts(String tag, List<Map.Entry<String, String>> bridgeAndSource)
            throws ProviderException {
        if (HostTools.find("iptables").isEmpty()) {
            return;
        }
        Exec.Result listed = Exec.run(T, List.of("iptables", "-w", "10", "-S", "FORWARD"));
        for (String line : listed.out().lines().toList()) {
            if (line.startsWith("-A FORWARD ") && line.contains("--comment " + tag + " ")) {
                List<String> delete = new ArrayList<>(List.of("iptables", "-w", "10", "-D"));
                delete.addAll(List.of(line.substring(3).split(" ")));
                Exec.run(T, delete);
            }
        }
        for (Map.Entry<String, String> accept : bridgeAndSource) {
            String bridge = accept.getKey();
            String source = accept.getValue();
            Exec.check(T, List.of("iptables", "-w", "10", "-I", "FORWARD", "-o", bridge, "-s", source, "-m", "comment",
                    "--comment", tag, "-j", "ACCEPT"));
            Exec.check(T, List.of("iptables", "-w", "10", "-I", "FORWARD", "-i", bridge, "-d", source, "-m", "conntrack",
                    "--ctstate", "RELATED,ESTABLISHED", "-m", "comment", "--comment", tag, "-j", "ACCEPT"));
        }
    }

    private static List<String> forwardRule(String op, String bridge) {
        return List.of("iptables", "-w", "10", op, "FORWARD", "-i", bridge, "-o", bridge, "-m", "comment",
                "--comment", "plumbery: within " + bridge, "-j", "ACCEPT");
    }

    static void deleteLink(String name) throws ProviderException {
        if (!linkExists(name)) {
            return;
        }
        Exec.Result r = Exec.run(T, List.of("ip", "link", "del", name));
        if (!r.ok() && linkExists(name)) {
            throw new ProviderException("cannot delete interface " + name + ": " + r.err().trim(), true, null);
        }
    }

    static void applyNft(String script) throws ProviderException {
        Exec.Result r = Exec.run(T, List.of("nft", "-f", "-"), script);
        if (!r.ok()) {
            throw new ProviderException("nft rejected the plan's ruleset: " + r.err().trim() + "\n" + script);
        }
    }

    static boolean nftTableExists(String table) throws ProviderException {
        return Exec.run(T, List.of("nft", "list", "table", "ip", table)).ok();
    }

    private static void sysctl(String key, String value) throws ProviderException {
        try {
            Path file = Path.of("/proc/sys", key);
            if (Files.exists(file)) {
                Files.writeString(file, value);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot set " + key.replace('/', '.') + "=" + value + ": " + e.getMessage());
        }
    }
}
