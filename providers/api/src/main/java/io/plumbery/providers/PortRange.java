package io.plumbery.providers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Objects;

/**
 * TCP or UDP ports, one or a range: what a public address forwards to its node, and the ports of a firewall rule.
 * Written as the plan writes them, {@code tcp:22}, {@code udp:16384..32768}, and so recorded.
 */
public record PortRange(FirewallRule.Protocol protocol, int first, int last) {

    public static final int MAX_PORT = 65535;

    public PortRange {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol != FirewallRule.Protocol.TCP && protocol != FirewallRule.Protocol.UDP) {
            throw new IllegalArgumentException("ports are TCP or UDP ports, not " + protocol);
        }
        if (first < 1 || last > MAX_PORT || last < first) {
            throw new IllegalArgumentException(first == last ? "port out of range: " + first
                    : "bad port range " + first + ".." + last + ": ports are 1 to " + MAX_PORT + ", the first one first");
        }
    }

    public static PortRange tcp(int port) {
        return new PortRange(FirewallRule.Protocol.TCP, port, port);
    }

    public static PortRange udp(int first, int last) {
        return new PortRange(FirewallRule.Protocol.UDP, first, last);
    }

    public boolean single() {
        return first == last;
    }

    /** {@code tcp:22}, {@code udp:137..138}: how the plan writes it, and how records keep it. */
    @JsonValue
    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + ":" + first + (single() ? "" : ".." + last);
    }

    /** Reads {@link #toString()}'s form. */
    @JsonCreator
    public static PortRange parse(String text) {
        int colon = text.indexOf(':');
        int dots = text.indexOf("..");
        try {
            FirewallRule.Protocol protocol = FirewallRule.Protocol.valueOf(text.substring(0, Math.max(colon, 0))
                    .toUpperCase(Locale.ROOT));
            int first = Integer.parseInt(text.substring(colon + 1, dots < 0 ? text.length() : dots));
            return new PortRange(protocol, first, dots < 0 ? first : Integer.parseInt(text.substring(dots + 2)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port range such as tcp:22 or udp:137..138");
        }
    }

    /** Records written before UDP and ranges hold plain TCP port numbers. */
    @JsonCreator
    static PortRange tcpPort(int port) {
        return tcp(port);
    }
}
