package io.plumbery.net;

/**
 * An IPv4 subnet: a network address with no host bits set and a prefix length. Hosts are numbered from 1
 * (the first address after the network's own) to {@link #lastHost()} (the one before broadcast).
 *
 * <p>What a subnet may be in a given place (a plan's default /24, the prefixes a provider supports) is
 * for that place to say; this type only knows addresses.
 */
public record Subnet(int base, int prefix) {

    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix /" + prefix + " is not between /0 and /32");
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("subnet " + format(base) + "/" + prefix
                    + " has host bits set; did you mean " + format(base & mask(prefix)) + "/" + prefix + "?");
        }
    }

    /** The subnet of that prefix length that holds {@code address}: its host bits cleared. */
    public static Subnet containing(int address, int prefix) {
        return new Subnet(address & mask(prefix), prefix);
    }

    /** Parses {@code a.b.c.d/n}, which must have no host bits set. */
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

    /** A dotted quad as a number; throws IllegalArgumentException naming the text. */
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
            if (octet < 0 || octet > 255) {
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

    /** The network bits of a prefix length: {@code 255.255.255.0} for 24. */
    public static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** The highest host number (network and broadcast addresses excluded); 0 when there is none. */
    public int lastHost() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (1L << (32 - prefix)) - 2));
    }

    /** The address of host number {@code n} (1 is the first usable address). */
    public String host(int n) {
        if (n < 1 || n > lastHost()) {
            throw new IllegalArgumentException("host " + n + " is outside " + this);
        }
        return format(base + n);
    }

    /** The host number of an address of this subnet. */
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

    /** True when the two share any address: decided by the shorter prefix. */
    public boolean overlaps(Subnet other) {
        int common = Math.min(prefix, other.prefix);
        return (base & mask(common)) == (other.base & mask(common));
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
