package io.plumbery.fittings.model;

import io.plumbery.fittings.diag.SourceRange;

import java.util.List;

/**
 * One of a blueprint's {@code balancers:}: a listener that spreads what it receives over the blueprint's pool.
 *
 * @param address     the fixed address it listens on, or null for one the provider assigns
 * @param information lines for {@code information}; {@code {{ balancer.ip }}} and {@code {{ balancer.port }}}
 *                    are still in them, resolved once the balancer exists
 * @param where       where the plan writes its name, for what later stages say about it; null when not read
 *                    from a file
 */
public record Balancer(String name, Protocol protocol, int port, String address, List<String> information,
                       SourceRange where) {

    /** What plumbery's balancers speak; {@code http} unless the plan says. */
    public enum Protocol { HTTP, HTTPS, TCP, UDP }

    /** Plumbery's port when the plan gives none. */
    public static final int DEFAULT_PORT = 80;

    public Balancer {
        information = List.copyOf(information);
    }

    /** A balancer not read from a file. */
    public Balancer(String name, Protocol protocol, int port, String address, List<String> information) {
        this(name, protocol, port, address, information, null);
    }

    /** The name a plan writes: {@code http}. */
    public String protocolName() {
        return protocol.name().toLowerCase(java.util.Locale.ROOT);
    }
}
