package io.plumbery.fittings.model;

import java.util.List;

/**
 * A set of nodes on one network. A blueprint given as a plain string ({@code swarm: queen bees}) is a
 * group: selecting it selects its members, and it has no nodes of its own.
 *
 * @param pool      how its balancers spread the load over its nodes; null when it has no balancers
 * @param balancers listeners in front of its nodes ({@code balancers:}); empty for most blueprints
 */
public record Blueprint(String name, Domain domain, Ethernet ethernet, List<Node> nodes, List<String> members,
                        Pool pool, List<Balancer> balancers) {

    public Blueprint {
        nodes = List.copyOf(nodes);
        members = List.copyOf(members);
        balancers = List.copyOf(balancers);
    }

    /** A blueprint without balancers. */
    public Blueprint(String name, Domain domain, Ethernet ethernet, List<Node> nodes, List<String> members) {
        this(name, domain, ethernet, nodes, members, null, List.of());
    }

    /** The same blueprint on another ethernet. */
    public Blueprint withEthernet(Ethernet other) {
        return new Blueprint(name, domain, other, nodes, members, pool, balancers);
    }

    public boolean isGroup() {
        return !members.isEmpty();
    }
}
