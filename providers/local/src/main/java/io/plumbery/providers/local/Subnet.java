package io.plumbery.providers.local;

/**
 * An IPv4 subnet in CIDR form. The host side of a node network takes the first address; nodes take
 * addresses from {@link #FIRST_NODE} on.
 */
public record Subnet(int base, int prefix) {

    /** Host numbers below this one are left for the host and later use. */
    public static final int FIRST_NODE = 10;

    public Subnet {
        if (prefix < 16 || prefix > 28) {
            throw new IllegalArgumentException("subnet prefix /" + prefix + " is not supported (use /16 to /28)");
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("subnet " + format(base) + "/" + prefix
                    + " has host bits set; did you mean " + format(base & mask(prefix)) + "/" + prefix + "?");
        }
    }

    public static Subnet parse(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("subnet '" + cidr + "' is not in CIDR form (e.g. 10.77.1.0/24)");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("subnet '" + cidr + "' has no valid prefix length");
        }
        return new Subnet(parseAddress(cidr.substring(0, slash).trim()), prefix);
    }

    public static int parseAddress(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
            }
            if (octet < 0 || octet > 255 || part.length() > 3) {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Number of usable host numbers (1 .. size-2). */
    public int lastHost() {
        return (1 << (32 - prefix)) - 2;
    }

    /** The address of host number {@code n} (1 is the first usable address). */
    public String address(int n) {
        if (n < 1 || n > lastHost()) {
            throw new IllegalArgumentException("host number " + n + " is outside " + this);
        }
        return format(base + n);
    }

    public String hostAddress() {
        return address(1);
    }

    public int hostNumber(String address) {
        int a = parseAddress(address);
        if ((a & mask(prefix)) != base) {
            throw new IllegalArgumentException(address + " is not in " + this);
        }
        return a - base;
    }

    public boolean contains(String address) {
        return (parseAddress(address) & mask(prefix)) == base;
    }

    public boolean overlaps(Subnet other) {
        int common = Math.min(prefix, other.prefix);
        return (base & mask(common)) == (other.base & mask(common));
    }

    /**
     * The host-side loopback address that stands for a node's public address: {@code 127} followed by
     * the last three octets of its private address (10.77.1.12 becomes 127.77.1.12).
     */
    public static String publicAddressFor(String privateAddress) {
        int a = parseAddress(privateAddress);
        return format((127 << 24) | (a & 0x00ffffff));
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
