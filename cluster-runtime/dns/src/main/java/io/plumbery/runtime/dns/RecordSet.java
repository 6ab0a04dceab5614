package io.plumbery.runtime.dns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Address;

/**
 * The records of the Mesos domain at one refresh: fully qualified lower-case names (with the final dot) to IPv4 and
 * IPv6 addresses and SRV targets. Immutable once built; a refresh builds a new one and swaps it in whole.
 */
final class RecordSet {
    /** An SRV target: a name of this domain (with the final dot) and a port. */
    record Srv(String target, int port) {
    }

    private final Map<String, Set<String>> a;
    private final Map<String, Set<String>> aaaa;
    private final Map<String, Set<Srv>> srv;

    private RecordSet(Builder b) {
        this.a = b.a;
        this.aaaa = b.aaaa;
        this.srv = b.srv;
    }

    static Builder builder() {
        return new Builder();
    }

    Set<String> a(String name) {
        return Collections.unmodifiableSet(a.getOrDefault(name, Set.of()));
    }

    Set<String> aaaa(String name) {
        return Collections.unmodifiableSet(aaaa.getOrDefault(name, Set.of()));
    }

    Set<Srv> srv(String name) {
        return Collections.unmodifiableSet(srv.getOrDefault(name, Set.of()));
    }

    /** Whether any record has this name (a query of another type gets NODATA rather than NXDOMAIN). */
    boolean has(String name) {
        return a.containsKey(name) || aaaa.containsKey(name) || srv.containsKey(name);
    }

    /**
     * Collects records; duplicates are ignored, insertion order kept (answers are shuffled when served). Used once:
     * the set built shares its maps.
     */
    static final class Builder {
        private final Map<String, Set<String>> a = new LinkedHashMap<>();
        private final Map<String, Set<String>> aaaa = new LinkedHashMap<>();
        private final Map<String, Set<Srv>> srv = new LinkedHashMap<>();

        private Builder() {
        }

        /** An A or AAAA record, by the literal's family; anything that is not an IP literal is ignored. */
        Builder address(String name, String ip) {
            if (tooLong(name)) {
                return this;
            }
            if (Address.toByteArray(ip, Address.IPv4) != null) {
                a.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(ip);
            } else if (Address.toByteArray(ip, Address.IPv6) != null) {
                aaaa.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(ip);
            }
            return this;
        }

        Builder srv(String name, String target, int port) {
            if (tooLong(name) || tooLong(target)) {
                return this;
            }
            srv.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(new Srv(target, port));
            return this;
        }

        /** Labels are at most 63 characters already; a whole name may have 255 bytes on the wire. */
        private static boolean tooLong(String name) {
            return name.length() > 254;
        }

        RecordSet build() {
            return new RecordSet(this);
        }
    }
}
