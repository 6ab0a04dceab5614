package io.plumbery.fittings.load;

import io.plumbery.net.Subnet;

/**
 * A subnet as plumbery plans write it: the network address alone ({@code 10.0.0.0}) means a /24, host bits
 * are cleared, and prefixes run from /8 to /30.
 */
public final class PlanSubnet {

    private PlanSubnet() {
    }

    /** Parses {@code a.b.c.d} or {@code a.b.c.d/n}; throws IllegalArgumentException with a reason. */
    public static Subnet parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a subnet like 10.0.0.0 or 10.0.0.0/24");
        }
        int prefix = 24;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[1] + "' is not a prefix length");
            }
        }
        int address = Subnet.parseAddress(parts[0]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix /" + prefix + " is not between /8 and /30");
        }
        return Subnet.containing(address, prefix);
    }
}
