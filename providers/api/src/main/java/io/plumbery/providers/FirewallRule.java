package io.plumbery.providers;

import java.util.Objects;

/**
 * Inbound traffic allowed to a destination. {@code source} is a CIDR ({@code 0.0.0.0/0} for the
 * internet), {@code destination} an address or CIDR inside the blueprint's network.
 */
public record FirewallRule(String name, Protocol protocol, int port, String source, String destination) {

    public enum Protocol { TCP, UDP }

    public FirewallRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
