package io.plumbery.providers.host;

import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;

import java.util.Set;

/**
 * How the providers of this host lay out a plan network: subnets from /16 to /28 in CIDR form, the host's
 * side of the network (its bridge, the nodes' gateway) on the first address, nodes from {@link #FIRST_NODE} on.
 */
public final class AddressPlan {

    /** Host numbers below this one are left for the host and later use. */
    public static final int FIRST_NODE = 10;

    private AddressPlan() {
    }

    /** A network request's subnet, or why this host cannot build it. */
    public static Subnet parse(String cidr) throws ProviderException {
        try {
            Subnet subnet = Subnet.parse(cidr);
            if (subnet.prefix() < 16 || subnet.prefix() > 28) {
                throw new IllegalArgumentException("subnet prefix /" + subnet.prefix()
                        + " is not supported (use /16 to /28)");
            }
            return subnet;
        } catch (IllegalArgumentException e) {
            throw new ProviderException(e.getMessage());
        }
    }

    /** The host's address on the network: its bridge's, and the nodes' gateway. */
    public static String hostAddress(Subnet subnet) {
        return subnet.host(1);
    }

    /** The first address from {@link #FIRST_NODE} on that is not {@code used}. */
    public static String freeAddress(PlanRecords.NetworkSpec network, Set<String> used) throws ProviderException {
        Subnet subnet = Subnet.parse(network.subnet());
        for (int n = FIRST_NODE; n <= subnet.lastHost(); n++) {
            if (!used.contains(subnet.host(n))) {
                return subnet.host(n);
            }
        }
        throw new ProviderException("network " + network.name() + " (" + network.subnet()
                + ") has no free address left");
    }
}
