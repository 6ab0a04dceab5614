package io.plumbery.fittings.model;

import java.util.List;

/**
 * A set of nodes on one network. A blueprint given as a plain string ({@code swarm: queen bees}) is a
 * group: selecting it selects its members, and it has no nodes of its own.
 */
public record Blueprint(String name, Domain domain, Ethernet ethernet, List<Node> nodes, List<String> members) {

    public Blueprint {
        nodes = List.copyOf(nodes);
        members = List.copyOf(members);
    }

    public boolean isGroup() {
        return !members.isEmpty();
    }
}
