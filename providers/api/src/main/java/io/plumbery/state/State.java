package io.plumbery.state;

import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.PublicAddressRecord;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything plumbery has built for one plan, keyed by resource address (e.g. {@code node.master1}).
 * Immutable: each change returns a new state with a higher serial, which the store writes at once.
 * It is the only input of {@code dispose} and {@code information}: what is not here was not made by us.
 */
public record State(int format, String plan, long serial,
                    SortedMap<String, Placed<NetworkRecord>> networks,
                    SortedMap<String, Placed<FirewallRecord>> firewalls,
                    SortedMap<String, Placed<NodeRecord>> nodes,
                    SortedMap<String, Placed<PublicAddressRecord>> publicAddresses,
                    SortedMap<String, Placed<BalancerRecord>> balancers) {

    public static final int FORMAT = 1;

    public State {
        networks = frozen(networks);
        firewalls = frozen(firewalls);
        nodes = frozen(nodes);
        publicAddresses = frozen(publicAddresses);
        balancers = frozen(balancers); // absent from states written before balancers
    }

    public static State empty(String plan) {
        return new State(FORMAT, plan, 0, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return networks.isEmpty() && firewalls.isEmpty() && nodes.isEmpty() && publicAddresses.isEmpty()
                && balancers.isEmpty();
    }

    public int size() {
        return networks.size() + firewalls.size() + nodes.size() + publicAddresses.size() + balancers.size();
    }

    public State withNetwork(String address, Placed<NetworkRecord> value) {
        return new State(format, plan, serial + 1, put(networks, address, value), firewalls, nodes, publicAddresses,
                balancers);
    }

    public State withFirewall(String address, Placed<FirewallRecord> value) {
        return new State(format, plan, serial + 1, networks, put(firewalls, address, value), nodes, publicAddresses,
                balancers);
    }

    public State withNode(String address, Placed<NodeRecord> value) {
        return new State(format, plan, serial + 1, networks, firewalls, put(nodes, address, value), publicAddresses,
                balancers);
    }

    public State withPublicAddress(String address, Placed<PublicAddressRecord> value) {
        return new State(format, plan, serial + 1, networks, firewalls, nodes, put(publicAddresses, address, value),
                balancers);
    }

    public State withBalancer(String address, Placed<BalancerRecord> value) {
        return new State(format, plan, serial + 1, networks, firewalls, nodes, publicAddresses,
                put(balancers, address, value));
    }

    /** Removes the resource at this address, whatever its kind. */
    public State without(String address) {
        return new State(format, plan, serial + 1, remove(networks, address), remove(firewalls, address),
                remove(nodes, address), remove(publicAddresses, address), remove(balancers, address));
    }

    /** The same state with every node record passed through {@code change} (used by refresh). */
    public State mapNodes(Function<Placed<NodeRecord>, Placed<NodeRecord>> change) {
        SortedMap<String, Placed<NodeRecord>> changed = new TreeMap<>();
        nodes.forEach((address, node) -> changed.put(address, change.apply(node)));
        return new State(format, plan, serial + 1, networks, firewalls, changed, publicAddresses, balancers);
    }

    private static <T> SortedMap<String, T> frozen(SortedMap<String, T> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    private static <T> SortedMap<String, T> put(Map<String, T> map, String key, T value) {
        TreeMap<String, T> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <T> SortedMap<String, T> remove(Map<String, T> map, String key) {
        TreeMap<String, T> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }
}
