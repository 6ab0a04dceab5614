package io.plumbery.providers;

import java.util.List;
import java.util.Locale;

/**
 * {@code balancers:} of a blueprint: one listener that spreads the new connections it receives over the blueprint's
 * nodes, each on the listener's own port, and stops sending to a node while that port does not answer.
 *
 * @param address   the address of {@code network} it should take, or null for one the provider picks
 * @param transport TCP (plumbery's http, https and tcp) or UDP
 * @param algorithm the plan's pool algorithm as it writes it: {@code round_robin}, {@code random}...
 * @param members   the pool's nodes, as built
 */
public record BalancerRequest(String name, NetworkRecord network, String address, FirewallRule.Protocol transport,
                              int port, String algorithm, List<NodeRecord> members) {
    public BalancerRequest {
        members = List.copyOf(members);
        algorithm = algorithm.toLowerCase(Locale.ROOT);
    }
}
