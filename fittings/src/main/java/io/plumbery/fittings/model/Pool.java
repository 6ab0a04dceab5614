package io.plumbery.fittings.model;

import io.plumbery.fittings.diag.SourceRange;

/**
 * A blueprint's {@code pool:}: its nodes behind its {@link Balancer}s, and how the load is spread over them.
 *
 * @param description plumbery's description of the pool, or null
 * @param where       where the plan writes its algorithm, for what later stages say about it; null when it
 *                    writes none (round_robin) or was not read from a file
 */
public record Pool(Algorithm algorithm, String description, SourceRange where) {

    /** Plumbery's algorithms, as its documentation lists them; {@code round_robin} unless the plan says. */
    public enum Algorithm {
        RANDOM, ROUND_ROBIN, LEAST_CONNECTIONS, WEIGHTED_ROUND_ROBIN, WEIGHTED_LEAST_CONNECTIONS,
        SHORTEST_RESPONSE, PERSISTENT_IP;

        /** The name a plan writes: {@code round_robin}. */
        public String planName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Pool DEFAULT = new Pool(Algorithm.ROUND_ROBIN, null);

    /** A pool not read from a file. */
    public Pool(Algorithm algorithm, String description) {
        this(algorithm, description, null);
    }
}
