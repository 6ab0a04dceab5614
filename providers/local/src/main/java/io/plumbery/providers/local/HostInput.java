package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.PackageProxy;

import java.util.Collection;

/**
 * What nodes may reach on this host itself, as chains of the plan's table: the package proxy, at their
 * gateway's port {@link PackageProxy#PORT} (forwarded to its loopback listener, which the bridges' {@code
 * route_localnet} lets through), and the replies to what the host started (SSH, public addresses). Everything
 * else they send to the host is refused at once, and anything they address to {@code 127.0.0.0/8} themselves
 * (which {@code route_localnet} would otherwise let in) is dropped before any forward is considered. The forward
 * goes with the plan's network, like its bridge.
 */
final class HostInput {

    private HostInput() {
    }

    static String chains(Collection<NftRuleset.Net> networks) {
        StringBuilder out = new StringBuilder();
        // before any DNAT: a packet from a node addressed to the host's loopback itself is dropped, whatever the
        // input chain (or another table) would say; the forwarded ports are addressed to the gateway, not to 127/8
        out.append("  chain loopback_guard {\n    type filter hook prerouting priority -150; policy accept;\n");
        for (NftRuleset.Net n : networks) {
            out.append("    iifname \"").append(n.bridge()).append("\" ip daddr 127.0.0.0/8 counter drop\n");
        }
        out.append("  }\n");
        out.append("  chain nat_prerouting {\n    type nat hook prerouting priority -100; policy accept;\n");
        for (NftRuleset.Net n : networks) {
            Subnet subnet = Subnet.parse(n.subnet());
            out.append("    iifname \"").append(n.bridge()).append("\" ip saddr ").append(subnet).append(" ip daddr ")
                    .append(AddressPlan.hostAddress(subnet)).append(" tcp dport ").append(PackageProxy.PORT)
                    .append(" dnat to ").append(PackageProxy.LISTEN).append('\n');
        }
        out.append("  }\n");
        out.append("  chain input {\n    type filter hook input priority 0; policy accept;\n");
        for (NftRuleset.Net n : networks) {
            String br = "iifname \"" + n.bridge() + "\" ";
            out.append("    ").append(br).append("ct state established,related accept\n");
            out.append("    ").append(br).append("ip saddr ").append(Subnet.parse(n.subnet())).append(" ip daddr ")
                    .append(PackageProxy.LISTEN).append(" tcp dport ").append(PackageProxy.PORT)
                    .append(" ct status dnat accept comment \"package proxy\"\n");
            out.append("    ").append(br).append("meta l4proto tcp reject with tcp reset\n");
            out.append("    ").append(br).append("reject with icmp type admin-prohibited\n");
        }
        out.append("  }\n");
        return out.toString();
    }
}
