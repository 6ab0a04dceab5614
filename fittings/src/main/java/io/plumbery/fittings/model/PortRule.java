package io.plumbery.fittings.model;

/**
 * What one word of {@code glue: internet ...} opens on a node's public address: {@code icmp}, a TCP port
 * ({@code 22}, {@code tcp:22}), or a TCP or UDP port range ({@code tcp:8000..8010}, {@code udp:137..138}).
 * An ICMP rule has no ports (both bounds 0).
 */
public record PortRule(Protocol protocol, int firstPort, int lastPort) {

    public enum Protocol { TCP, UDP, ICMP }

    public static final int MAX_PORT = 65535;

    public PortRule {
        if (protocol == Protocol.ICMP ? firstPort != 0 || lastPort != 0
                : firstPort < 1 || lastPort > MAX_PORT || lastPort < firstPort) {
            throw new IllegalArgumentException("no " + protocol + " rule for ports " + firstPort + ".." + lastPort);
        }
    }

    public static PortRule icmp() {
        return new PortRule(Protocol.ICMP, 0, 0);
    }

    public static PortRule tcp(int port) {
        return new PortRule(Protocol.TCP, port, port);
    }

    public boolean isRange() {
        return lastPort != firstPort;
    }

    /** The rule as a plan writes it: {@code icmp}, {@code tcp:22}, {@code udp:137..138}. */
    @Override
    public String toString() {
        if (protocol == Protocol.ICMP) {
            return "icmp";
        }
        String name = protocol.name().toLowerCase(java.util.Locale.ROOT);
        return name + ":" + firstPort + (isRange() ? ".." + lastPort : "");
    }
}
