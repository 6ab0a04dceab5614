package io.plumbery.fittings.model;

import java.util.List;

/**
 * One of a blueprint's {@code balancers:}: a listener that spreads what it receives over the blueprint's pool.
 *
 * @param address     the fixed address it listens on, or null for one the provider assigns
 * @param information lines for {@code information}; {@code {{ balancer.ip }}} and {@code {{ balancer.port }}}
 *                    are still in them, resolved once the balancer exists
 */
public record Balancer(String name, Protocol protocol, int port, String address, List<String> information) {

    /** What plumbery's balancers speak; {@code http} unless the plan says. */
    public enum Protocol { HTTP, HTTPS, TCP, UDP }

    /** Plumbery's port when the plan gives none. */
    public static final int DEFAULT_PORT = 80;

    public Balancer {
        information = List.copyOf(information);
    }
}
