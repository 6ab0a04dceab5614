package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Naming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the one nftables table of a plan from what is recorded for it. The text is applied with
 * {@code nft -f} as a single transaction that replaces the whole table, so it is always exactly what
 * the records say.
 *
 * <p>Public addresses are host loopback addresses ({@code 127.x.y.z}): the listed TCP and UDP ports are
 * DNAT-ed to the node's private address (with the host side of the bridge as source), every other port
 * of that address is rejected. DNAT-ed traffic then passes the network's firewall rules, when the
 * network has a firewall. Routed traffic in or out of the plan's bridges is dropped (nodes talk to
 * each other on their bridge); of the host itself, nodes reach only the package proxy ({@link HostInput}).
 * A balancer's address is a public address whose one port is DNAT-ed to one node of its pool per new
 * connection ({@link BalancerRule}).
 *
 * <p>An ICMP rule lets echo requests in, but nothing forwards them: a ping to a public address is refused,
 * since this host answers for all of {@code 127.0.0.0/8} itself and an answer would say nothing of the node.
 * The host pings a node at its private address.
 */
public final class NftRuleset {

    /** A plan network as the ruleset needs it. */
    public record Net(String name, String bridge, String subnet) {
    }

    /** A public address: host loopback address to node private address, on these TCP and UDP ports. */
    public record Public(String name, String network, String address, String privateAddress, List<PortRange> ports) {
        public Public {
            ports = List.copyOf(ports);
        }
    }

    private NftRuleset() {
    }

    /** The script that removes the table whether or not it exists. */
    public static String deleteScript(String table) {
        return "table ip " + table + " {\n}\ndelete table ip " + table + "\n";
    }

    /**
     * The script that replaces the table, or only deletes it when there is nothing to put in it.
     *
     * @param firewalls rules by network name
     */
    public static String render(String table, List<Net> networks,
                                Map<String, List<FirewallRule>> firewalls, List<Public> publics) {
        return render(table, networks, firewalls, publics, List.of());
    }

    /** The same, with the plan's balancers: each a chain of its own ({@link BalancerRule}). */
    static String render(String table, List<Net> networks, Map<String, List<FirewallRule>> firewalls,
                         List<Public> publics, List<BalancerRule> balancers) {
        if (networks.isEmpty() && publics.isEmpty()) {
            return deleteScript(table);
        }
        Map<String, Net> byName = new TreeMap<>();
        networks.forEach(n -> byName.put(n.name(), n));
        StringBuilder out = new StringBuilder(deleteScript(table));
        out.append("table ip ").append(table).append(" {\n");

        out.append("  chain nat_output {\n    type nat hook output priority -100; policy accept;\n");
        for (Public p : publics) {
            for (FirewallRule.Protocol protocol : List.of(FirewallRule.Protocol.TCP, FirewallRule.Protocol.UDP)) {
                List<PortRange> ports = p.ports().stream().filter(r -> r.protocol() == protocol).toList();
                if (!ports.isEmpty()) {
                    out.append("    ip daddr ").append(address(p.address())).append(' ').append(keyword(protocol))
                            .append(" dport ").append(ports(ports)).append(" dnat to ")
                            .append(address(p.privateAddress())).append('\n');
                }
            }
        }
        for (BalancerRule b : balancers) {
            out.append("    jump ").append(b.chain()).append('\n');
        }
        out.append("  }\n");
        for (BalancerRule b : balancers) {
            out.append("  chain ").append(b.chain()).append(" {\n    ").append(b.rule()).append("\n  }\n");
        }

        out.append("  chain nat_postrouting {\n    type nat hook postrouting priority 100; policy accept;\n");
        for (Net n : byName.values()) {
            out.append("    oifname \"").append(n.bridge()).append("\" ip saddr 127.0.0.0/8 snat to ")
                    .append(AddressPlan.hostAddress(Subnet.parse(n.subnet()))).append('\n');
        }
        out.append("  }\n");

        out.append("  chain output {\n    type filter hook output priority 0; policy accept;\n");
        for (Public p : publics) {
            String a = address(p.address());
            out.append("    ip daddr ").append(a).append(" meta l4proto tcp reject with tcp reset\n");
            out.append("    ip daddr ").append(a).append(" reject\n");
        }
        for (BalancerRule b : balancers) {
            // what was not sent to a node (another port) is refused; what was, the balancer lets through to its
            // pool as a cloud's balancer inside the network does, whatever the network's firewall says
            out.append("    ip daddr ").append(b.publicAddress()).append(" meta l4proto tcp reject with tcp reset\n");
            out.append("    ip daddr ").append(b.publicAddress()).append(" reject\n");
            out.append("    ct original ip daddr ").append(b.publicAddress()).append(" accept\n");
        }
        for (Net n : byName.values()) {
            if (firewalls.containsKey(n.name())) {
                // the output hook keeps the route of before the DNAT (lo): match the new destination instead; only
                // connections the host opened (a public address), not the package proxy's replies to nodes, whose
                // connections were DNATed the other way
                out.append("    ip daddr ").append(Subnet.parse(n.subnet()))
                        .append(" ct direction original ct status dnat jump ")
                        .append(firewallChain(n.name())).append('\n');
            }
        }
        out.append("  }\n");

        // before iptables' FORWARD (priority 0), whose policy Docker sets to DROP: what is refused here is
        // refused at once, with an ICMP error, rather than left to time out
        out.append("  chain forward {\n    type filter hook forward priority -1; policy accept;\n");
        out.append("    ct state established,related accept\n");
        for (Map.Entry<String, List<FirewallRule>> fw : new TreeMap<>(firewalls).entrySet()) {
            Net n = byName.get(fw.getKey());
            if (n == null) {
                continue;
            }
            // a network's accept list: everything from the accepted subnets, routed in through the host
            for (FirewallRule rule : fw.getValue()) {
                String source = rule.protocol() == FirewallRule.Protocol.ANY ? cidrOrNull(rule.source()) : null;
                if (source != null) {
                    out.append("    oifname \"").append(n.bridge()).append("\" ip saddr ").append(source)
                            .append(" accept comment \"").append(comment(rule.name())).append("\"\n");
                }
            }
        }
        for (Net n : byName.values()) {
            // bridged traffic (br_netfilter) enters and leaves the same bridge: only routing in or out is dropped
            String br = "\"" + n.bridge() + "\"";
            out.append("    iifname ").append(br).append(" oifname != ").append(br).append(" reject with icmp type admin-prohibited\n");
            out.append("    oifname ").append(br).append(" iifname != ").append(br).append(" drop\n");
        }
        out.append("  }\n");

        for (Map.Entry<String, List<FirewallRule>> fw : new TreeMap<>(firewalls).entrySet()) {
            if (!byName.containsKey(fw.getKey())) {
                continue;
            }
            out.append("  chain ").append(firewallChain(fw.getKey())).append(" {\n");
            for (FirewallRule rule : fw.getValue()) {
                out.append("    ").append(rule(rule)).append(" comment \"").append(comment(rule.name())).append("\"\n");
            }
            out.append("    meta l4proto tcp reject with tcp reset\n    reject\n  }\n");
        }

        // what nodes may reach on the host itself: the package proxy, nothing else
        out.append(HostInput.chains(byName.values()));
        out.append("}\n");
        return out.toString();
    }

    /** (bridge, source CIDR) of every accept-list rule: traffic routed in from other networks. */
    public static List<Map.Entry<String, String>> routedAccepts(List<Net> networks,
                                                                Map<String, List<FirewallRule>> firewalls) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Net n : networks) {
            for (FirewallRule rule : firewalls.getOrDefault(n.name(), List.of())) {
                String source = rule.protocol() == FirewallRule.Protocol.ANY ? cidrOrNull(rule.source()) : null;
                if (source != null) {
                    out.add(Map.entry(n.bridge(), source));
                }
            }
        }
        return out;
    }

    static String firewallChain(String network) {
        return "fw_" + Naming.hash(network, 8);
    }

    static String rule(FirewallRule rule) {
        List<String> parts = new ArrayList<>();
        String source = cidrOrNull(rule.source());
        if (source != null) {
            parts.add("ip saddr " + source);
        }
        String destination = cidrOrNull(rule.destination());
        if (destination != null) {
            parts.add("ip daddr " + destination);
        }
        PortRange ports = rule.portRange();
        if (ports != null) {
            parts.add(keyword(ports.protocol()) + " dport " + range(ports));
        } else if (rule.protocol() == FirewallRule.Protocol.ICMP) {
            parts.add("icmp type echo-request");
        }
        parts.add("accept");
        return String.join(" ", parts);
    }

    /** A validated address or CIDR, or null for "anywhere". */
    static String cidrOrNull(String value) {
        if (value == null || value.isBlank() || value.equals("any") || value.equals("*")) {
            return null;
        }
        String v = value.trim();
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        int prefix = 32;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not an address or CIDR");
            }
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("'" + value + "' is not an address or CIDR");
            }
        }
        int a = Subnet.parseAddress(addr) & Subnet.mask(prefix);
        if (prefix == 0) {
            return null;
        }
        return prefix == 32 ? Subnet.format(a) : Subnet.format(a) + "/" + prefix;
    }

    private static String address(String value) {
        return Subnet.format(Subnet.parseAddress(value));
    }

    /** A set of ports and ranges, {@code { 22, 8000-8010 }}: overlapping ones merged, which nft requires. */
    private static String ports(List<PortRange> ports) {
        List<PortRange> sorted = ports.stream().sorted(Comparator.comparingInt(PortRange::first)).toList();
        List<PortRange> merged = new ArrayList<>();
        for (PortRange r : sorted) {
            PortRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new PortRange(r.protocol(), last.first(), Math.max(last.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged.stream().map(NftRuleset::range).collect(Collectors.joining(", ", "{ ", " }"));
    }

    private static String range(PortRange ports) {
        return ports.single() ? String.valueOf(ports.first()) : ports.first() + "-" + ports.last();
    }

    private static String keyword(FirewallRule.Protocol protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }

    private static String comment(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9 ._:/-]", "_");
        return safe.length() > 100 ? safe.substring(0, 100) : safe;
    }
}
