package io.plumbery.engine;

import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Pool;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.BalancerRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A blueprint's balancers as the engine sees them: where each is recorded, what it was built with (its spec: a
 * change of any of it is an update), and the request that builds it in front of the blueprint's nodes once they
 * exist.
 */
final class Balancers {

    private Balancers() {
    }

    static Pool pool(Blueprint blueprint) {
        return blueprint.pool() == null ? Pool.DEFAULT : blueprint.pool();
    }

    static Map<String, String> spec(Blueprint blueprint, Balancer balancer) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("protocol", balancer.protocolName());
        spec.put("port", String.valueOf(balancer.port()));
        spec.put("algorithm", pool(blueprint).algorithm().planName());
        spec.put("address", balancer.address() == null ? "" : balancer.address());
        spec.put("members", String.join(",", blueprint.nodes().stream().map(Node::name).toList()));
        return spec;
    }

    static String describe(Blueprint blueprint, Balancer balancer) {
        return balancer.protocolName() + " port " + balancer.port() + ", " + pool(blueprint).algorithm().planName()
                + " over " + blueprint.nodes().size() + " node(s)";
    }

    /**
     * What deploy does to the balancer: built when it is not, updated when the plan asks for another one or when
     * one of its nodes is built again now ({@code rebuilt}: it may come back at another address).
     */
    static Change change(State state, Facility facility, Blueprint blueprint, Balancer balancer, Set<String> rebuilt) {
        String address = Addresses.balancer(facility, blueprint, balancer);
        Placed<BalancerRecord> recorded = state.balancers().get(address);
        String summary = describe(blueprint, balancer);
        if (recorded == null || recorded.record().id() == null) {
            return new Change(address, "balancer", Action.CREATE, summary,
                    recorded == null ? null : "recorded but never finished");
        }
        List<String> differ = new ArrayList<>();
        spec(blueprint, balancer).forEach((key, value) -> {
            if (!value.equals(recorded.spec().get(key))) {
                differ.add(key);
            }
        });
        if (!differ.isEmpty()) {
            return new Change(address, "balancer", Action.UPDATE, summary, String.join(", ", differ)
                    + " differ from the recorded one");
        }
        if (blueprint.nodes().stream().anyMatch(n -> rebuilt.contains(Addresses.node(n)))) {
            return new Change(address, "balancer", Action.UPDATE, summary, "follows its nodes");
        }
        return new Change(address, "balancer", Action.NO_OP, summary, null);
    }

    /** The request for the provider, with the blueprint's nodes and network as built. */
    static BalancerRequest request(String plan, State state, Facility facility, Blueprint blueprint, Balancer balancer)
            throws ProviderException {
        Placed<NetworkRecord> network = state.networks().get(Addresses.network(facility, blueprint));
        if (network == null || network.record().id() == null) {
            throw new ProviderException("the network of balancer " + balancer.name() + " was not built");
        }
        List<NodeRecord> members = new ArrayList<>();
        for (Node n : blueprint.nodes()) {
            Placed<NodeRecord> node = state.nodes().get(Addresses.node(n));
            if (node == null || node.record().privateAddress() == null) {
                throw new ProviderException("balancer " + balancer.name() + ": node " + n.name() + " was not built");
            }
            members.add(node.record());
        }
        FirewallRule.Protocol transport = balancer.protocol() == Balancer.Protocol.UDP
                ? FirewallRule.Protocol.UDP : FirewallRule.Protocol.TCP;
        return new BalancerRequest(Addresses.providerName(plan, facility.name() + "-" + blueprint.name() + "-"
                + balancer.name()), network.record(), balancer.address(), transport, balancer.port(),
                pool(blueprint).algorithm().planName(), members);
    }
}
