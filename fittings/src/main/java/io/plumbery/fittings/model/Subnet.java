package io.plumbery.fittings.model;

/**
 * An IPv4 subnet. Plumbery plans write the network address alone ({@code 10.0.0.0}), meaning a /24.
 */
public record Subnet(int address, int prefix) {

    public Subnet {
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix /" + prefix + " is not between /8 and /30");
        }
        address = address & mask(prefix);
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
        return new Subnet(parseAddress(parts[0]), prefix);
    }

    public static int parseAddress(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int value = 0;
        for (String octet : octets) {
            int n;
            try {
                n = Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | n;
        }
        return value;
    }

    public static String formatAddress(int address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (address & mask(shorter)) == (other.address & mask(shorter));
    }

    /** Host addresses, excluding network and broadcast. */
    public int capacity() {
        return (1 << (32 - prefix)) - 2;
    }

    /** The n-th host address (1 = the first after the network address). */
    public String host(int n) {
        if (n < 1 || n > capacity()) {
            throw new IllegalArgumentException("host " + n + " is outside " + this);
        }
        return formatAddress(address + n);
    }

    @Override
    public String toString() {
        return formatAddress(address) + "/" + prefix;
    }
}
