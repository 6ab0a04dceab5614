package io.plumbery.providers.local;

import io.plumbery.net.Subnet;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A local node's public address: the host-side loopback address {@code 127} followed by the last three octets
 * of its private address (10.77.1.12 becomes 127.77.1.12), where the plan's nftables table forwards the
 * node's public ports. Such an address never takes one the host keeps for itself: {@link #RESERVED} (where its
 * own {@code 127.0.0.1} and resolvers such as {@code 127.0.0.53} live) and the loopback addresses it uses
 * ({@link HostLoopback}).
 */
final class PublicAddress {

    static final Subnet RESERVED = Subnet.parse("127.0.0.0/24");

    private PublicAddress() {
    }

    static String of(String privateAddress) {
        int a = Subnet.parseAddress(privateAddress);
        return Subnet.format((127 << 24) | (a & 0x00ffffff));
    }

    /** The public addresses that the nodes of {@code subnet} would take. */
    static Subnet rangeOf(Subnet subnet) {
        return Subnet.containing((127 << 24) | (subnet.base() & 0x00ffffff), Math.max(8, subnet.prefix()));
    }

    /** {@link #refused(Subnet, Collection)} with the loopback addresses this host uses now. */
    static Optional<String> refused(String subnet) {
        return refused(Subnet.parse(subnet), HostLoopback.inUse());
    }

    /**
     * Why the nodes of {@code subnet} cannot have public addresses here, if they cannot: their range would take
     * {@link #RESERVED} or one of {@code inUse} (loopback addresses of the host).
     */
    static Optional<String> refused(Subnet subnet, Collection<String> inUse) {
        Subnet range = rangeOf(subnet);
        TreeSet<String> taken = new TreeSet<>(inUse.stream().filter(range::contains).toList());
        if (range.overlaps(RESERVED)) {
            return Optional.of("its nodes' public addresses would be " + range + ", which takes " + RESERVED
                    + " (this host's own 127.0.0.1, and resolvers such as 127.0.0.53); give the network a subnet "
                    + "whose second and third numbers are not both 0, such as 10.77.3.0");
        }
        if (!taken.isEmpty()) {
            return Optional.of("its nodes' public addresses would be " + range + ", which takes "
                    + String.join(", ", taken) + ", in use on this host; give the network another subnet");
        }
        return Optional.empty();
    }
}
