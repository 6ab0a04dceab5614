package io.plumbery.providers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Inbound traffic allowed to a destination. {@code source} is a CIDR ({@code 0.0.0.0/0} for the internet),
 * {@code destination} an address or CIDR inside the blueprint's network. A {@link Protocol#TCP} or
 * {@link Protocol#UDP} rule allows the ports {@code firstPort} to {@code lastPort} (equal for one port);
 * {@link Protocol#ICMP} allows echo requests (ping) and {@link Protocol#ANY} every protocol and port (what a
 * network's {@code accept} list asks for): both have ports 0.
 */
public record FirewallRule(String name, Protocol protocol, int firstPort, int lastPort, String source,
                           String destination) {

    public enum Protocol { TCP, UDP, ICMP, ANY }

    public FirewallRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (protocol == Protocol.TCP || protocol == Protocol.UDP) {
            new PortRange(protocol, firstPort, lastPort); // checks the ports
        } else if (firstPort != 0 || lastPort != 0) {
            throw new IllegalArgumentException("a rule for " + protocol + " has ports 0, not " + firstPort + ".."
                    + lastPort);
        }
    }

    /** One TCP or UDP port; or, with port 0, ICMP or ANY. */
    public FirewallRule(String name, Protocol protocol, int port, String source, String destination) {
        this(name, protocol, port, port, source, destination);
    }

    /** Echo requests (ping), and what conntrack relates to them. */
    public static FirewallRule icmp(String name, String source, String destination) {
        return new FirewallRule(name, Protocol.ICMP, 0, 0, source, destination);
    }

    /** Everything from {@code source} to {@code destination}. */
    public static FirewallRule everything(String name, String source, String destination) {
        return new FirewallRule(name, Protocol.ANY, 0, 0, source, destination);
    }

    /** The TCP or UDP ports this rule allows; null for ICMP and ANY. */
    public PortRange portRange() {
        return protocol == Protocol.TCP || protocol == Protocol.UDP ? new PortRange(protocol, firstPort, lastPort)
                : null;
    }

    /**
     * Reads a rule from a state or host record. Those written before port ranges hold one {@code port}: it is read
     * as a range of that one port.
     */
    @JsonCreator
    static FirewallRule read(@JsonProperty("name") String name, @JsonProperty("protocol") Protocol protocol,
                             @JsonProperty("firstPort") Integer firstPort, @JsonProperty("lastPort") Integer lastPort,
                             @JsonProperty("port") Integer port, @JsonProperty("source") String source,
                             @JsonProperty("destination") String destination) {
        int first = firstPort != null ? firstPort : port != null ? port : 0;
        return new FirewallRule(name, protocol, first, lastPort != null ? lastPort : first, source, destination);
    }
}
