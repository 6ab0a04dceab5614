package io.plumbery.engine;

import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.Providers;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.fittings.model.Plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a plan with the state: what deploy would create, update, replace or delete, and what it leaves alone.
 * Pure: it reads, it never calls a provider; a node's summary says what its provider's factory would build for it
 * (a size and image of its fixed tables), when the factory says so before building.
 */
public final class Planner {

    private Planner() {
    }

    public static List<Planned> deploy(Plan plan, State state, Selection selection) {
        List<Planned> out = new ArrayList<>();
        Set<String> seenNetworks = new HashSet<>();
        Set<String> wanted = new HashSet<>();
        Set<String> replacedOn = new HashSet<>();
        Map<String, ProviderFactory> factories = Providers.discover().all();
        for (Target.Network bp : selection.blueprints(plan)) {
            Facility f = bp.facility();
            Blueprint b = bp.blueprint();
            String net = Addresses.network(f, b);
            if (seenNetworks.add(net)) {
                Target.Network home = Networks.home(plan, f, b);
                Change network = present(state.networks(), net, "network", Networks.describe(home.blueprint().ethernet()));
                if (network.action() == Action.CREATE && network.reason() == null
                        && Networks.existing(home.blueprint().ethernet())) {
                    network = new Change(net, network.kind(), Action.CREATE, network.summary(),
                            "the provider's own: used, neither made nor ever deleted");
                }
                out.add(new Planned(network, home));
            }
            for (Node n : b.nodes()) {
                Placed<NodeRecord> recorded = state.nodes().get(Addresses.node(n));
                List<String> drift = recorded == null ? List.of()
                        : NodeSpec.differences(recorded.spec(), NodeSpec.of(n));
                Action action = recorded == null || recorded.record().status() == NodeStatus.PENDING
                        || recorded.record().status() == NodeStatus.GONE ? Action.CREATE
                        : drift.isEmpty() ? Action.NO_OP : Action.REPLACE;
                String reason = recorded == null ? null
                        : recorded.record().status() == NodeStatus.PENDING ? "recorded but never finished"
                        : recorded.record().status() == NodeStatus.GONE ? "gone at the provider"
                        : action == Action.REPLACE ? "must be replaced: " + String.join(", ", drift) : null;
                if (action == Action.REPLACE) {
                    replacedOn.add(Addresses.firewall(f, b));
                }
                out.add(new Planned(new Change(Addresses.node(n), "node", action,
                        describe(n) + choice(factories.get(f.provider()), f, n), reason),
                        new Target.Machine(f, b, n)));
                wanted.add(Addresses.node(n));
                if (n.hasPublicAddress()) {
                    String pub = Addresses.publicAddress(n);
                    List<PortRange> forwarded = Firewalls.forwarded(n);
                    Change address = present(state.publicAddresses(), pub, "public-address", "ports " + ports(forwarded));
                    if (action == Action.REPLACE && address.action() == Action.NO_OP) {
                        address = new Change(pub, address.kind(), Action.REPLACE, address.summary(), "follows its node");
                    } else if (address.action() == Action.NO_OP && !Set.copyOf(forwarded)
                            .equals(Set.copyOf(state.publicAddresses().get(pub).record().ports()))) {
                        address = new Change(pub, address.kind(), Action.UPDATE, address.summary(),
                                "ports differ from the recorded ones");
                    }
                    out.add(new Planned(address, new Target.PublicAddress(f, b, n)));
                    wanted.add(pub);
                }
            }
            Set<String> rebuilt = new HashSet<>();
            out.stream().filter(p -> p.change().kind().equals("node") && p.change().action() != Action.NO_OP)
                    .forEach(p -> rebuilt.add(p.change().address()));
            for (Balancer lb : b.balancers()) {
                Change balancer = Balancers.change(state, f, b, lb, rebuilt);
                out.add(new Planned(balancer, new Target.Balancer(f, b, lb)));
                wanted.add(balancer.address());
            }
        }
        // firewalls last: their rules name node addresses
        Set<String> seenFirewalls = new HashSet<>();
        for (Target.Network selected : selection.blueprints(plan)) {
            String fw = Addresses.firewall(selected.facility(), selected.blueprint());
            if (!seenFirewalls.add(fw)) {
                continue;
            }
            Target.Network bp = Networks.home(plan, selected.facility(), selected.blueprint());
            List<FirewallRule> rules = Firewalls.rules(plan, bp.facility(), bp.blueprint().ethernet().name(), state);
            Placed<FirewallRecord> recorded = state.firewalls().get(fw);
            // a replaced node may come back with another address: its rules are written again after it
            Action action = recorded == null || recorded.record().id() == null ? Action.CREATE
                    : recorded.record().rules().equals(rules) && !replacedOn.contains(fw) ? Action.NO_OP
                    : Action.UPDATE;
            String reason = action != Action.UPDATE ? null
                    : replacedOn.contains(fw) ? "rules follow the replaced node(s)" : "rules differ from the recorded ones";
            out.add(new Planned(new Change(fw, "firewall", action, rules.size() + " inbound rule(s)", reason),
                    new Target.Firewall(bp.facility(), bp.blueprint())));
        }
        seenNetworks.forEach(wanted::add);
        seenFirewalls.forEach(wanted::add);
        if (selection.all(plan)) {
            allAddresses(state).forEach((address, kind) -> {
                if (!wanted.contains(address)) {
                    AgentDrains.before(plan, state, address).ifPresent(out::add); // an agent leaves drained
                    out.add(new Planned(new Change(address, kind, Action.DELETE, "no longer in the plan", null),
                            new Target.Orphan(null, address)));
                }
            });
        }
        return out;
    }

    private static Change present(Map<String, ? extends Placed<?>> recorded, String address, String kind,
                                  String summary) {
        Placed<?> placed = recorded.get(address);
        boolean done = placed != null && hasId(placed.record());
        return new Change(address, kind, done ? Action.NO_OP : Action.CREATE, summary,
                placed != null && !done ? "recorded but never finished" : null);
    }

    private static boolean hasId(Object record) {
        if (record instanceof io.plumbery.providers.NetworkRecord n) {
            return n.id() != null;
        }
        if (record instanceof io.plumbery.providers.PublicAddressRecord p) {
            return p.id() != null;
        }
        return true;
    }

    static Map<String, String> allAddresses(State state) {
        Map<String, String> all = new LinkedHashMap<>();
        state.balancers().keySet().forEach(a -> all.put(a, "balancer"));
        state.publicAddresses().keySet().forEach(a -> all.put(a, "public-address"));
        state.nodes().keySet().forEach(a -> all.put(a, "node"));
        state.firewalls().keySet().forEach(a -> all.put(a, "firewall"));
        state.networks().keySet().forEach(a -> all.put(a, "network"));
        return all;
    }

    static String describe(Node n) {
        return n.cpu().count() + " cpu, " + n.memoryGb() + " GB"
                + (n.appliance() == null ? "" : ", " + n.appliance())
                + (n.roles().isEmpty() ? "" : ", " + String.join("+", n.roles()));
    }

    /** What the node's provider says it would build, when it says before building: {@code " -> e2-medium (...)"}. */
    private static String choice(ProviderFactory factory, Facility f, Node n) {
        return factory == null ? "" : factory.nodeChoice(NodeSpec.shape(n), f.settings()).map(c -> " -> " + c)
                .orElse("");
    }

    /** {@code 22,80,udp:137..138}: a TCP port by its number, anything else as the plan writes it. */
    static String ports(List<PortRange> ports) {
        return ports.isEmpty() ? "none" : String.join(",", ports.stream().map(p ->
                p.protocol() == FirewallRule.Protocol.TCP && p.single() ? String.valueOf(p.first()) : p.toString()).toList());
    }
}
