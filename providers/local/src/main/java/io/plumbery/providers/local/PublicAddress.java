package io.plumbery.providers.local;

import io.plumbery.net.Subnet;

/**
 * A local node's public address: the host-side loopback address {@code 127} followed by the last three octets
 * of its private address (10.77.1.12 becomes 127.77.1.12), where the plan's nftables table forwards the
 * node's public ports.
 */
final class PublicAddress {

    private PublicAddress() {
    }

    static String of(String privateAddress) {
        int a = Subnet.parseAddress(privateAddress);
        return Subnet.format((127 << 24) | (a & 0x00ffffff));
    }
}
