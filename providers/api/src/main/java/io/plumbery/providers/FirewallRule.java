package io.plumbery.providers;

import java.util.Objects;

/**
 * Inbound traffic allowed to a destination. {@code source} is a CIDR ({@code 0.0.0.0/0} for the
 * internet), {@code destination} an address or CIDR inside the blueprint's network. {@link Protocol#ANY}
 * allows every protocol and port (its {@code port} is 0): what a network's {@code accept} list asks for.
 */
public record FirewallRule(String name, Protocol protocol, int port, String source, String destination) {

    public enum Protocol { TCP, UDP, ANY }

    public FirewallRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (protocol == Protocol.ANY ? port != 0 : port < 1 || port > 65535) {
            throw new IllegalArgumentException(protocol == Protocol.ANY ? "a rule for any protocol has port 0, not "
                    + port : "port out of range: " + port);
        }
    }

    /** Everything from {@code source} to {@code destination}. */
    public static FirewallRule everything(String name, String source, String destination) {
        return new FirewallRule(name, Protocol.ANY, 0, source, destination);
    }
}
