package io.plumbery.providers;

import java.util.List;

/**
 * {@code glue: internet 22 udp:137..138}: a public address for a node, open on these TCP and UDP ports only
 * (ICMP is its network's firewall's business).
 */
public record PublicAddressRequest(String name, NodeRecord node, List<PortRange> ports) {
    public PublicAddressRequest {
        ports = List.copyOf(ports);
    }

    /** A public address open on these TCP ports. */
    public static PublicAddressRequest tcp(String name, NodeRecord node, List<Integer> ports) {
        return new PublicAddressRequest(name, node, ports.stream().map(PortRange::tcp).toList());
    }
}
