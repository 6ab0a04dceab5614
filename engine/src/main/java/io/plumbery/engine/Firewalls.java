package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.PortRule;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.PortRange;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inbound rules of one network: each {@code glue: internet icmp 22 udp:137..138} opens that to its node, and each
 * network of its {@code accept} list ({@code name} in the same facility, {@code FACILITY::name} elsewhere) may
 * send it anything.
 */
final class Firewalls {

    private static final String INTERNET = "0.0.0.0/0";

    private Firewalls() {
    }

    static List<FirewallRule> rules(Plan plan, Facility facility, String ethernet, State state) {
        List<FirewallRule> rules = new ArrayList<>();
        facility.blueprints().stream().filter(b -> !b.isGroup() && b.ethernet() != null
                && ethernet.equals(b.ethernet().name())).findFirst().ifPresent(b -> {
                    for (String accepted : b.ethernet().accept()) {
                        subnet(plan, facility, accepted).ifPresent(source -> rules.add(FirewallRule.everything(
                                "accept-" + accepted.replace("::", "-"), source, b.ethernet().subnet().toString())));
                    }
                });
        for (Blueprint b : facility.blueprints()) {
            if (b.isGroup() || b.ethernet() == null || !ethernet.equals(b.ethernet().name())) {
                continue;
            }
            for (Node n : b.nodes()) {
                Placed<NodeRecord> recorded = state.nodes().get(Addresses.node(n));
                String destination = recorded == null || recorded.record().privateAddress() == null
                        ? n.name() : recorded.record().privateAddress();
                for (PortRule open : n.internetRules()) {
                    rules.add(rule(n.name(), open, destination));
                }
            }
        }
        return rules;
    }

    /** What {@code glue: internet} opens, as a rule named after its node: {@code web1-tcp-80}, {@code web1-udp-137-138}. */
    static FirewallRule rule(String node, PortRule open, String destination) {
        if (open.protocol() == PortRule.Protocol.ICMP) {
            return FirewallRule.icmp(node + "-icmp", INTERNET, destination);
        }
        FirewallRule.Protocol protocol = FirewallRule.Protocol.valueOf(open.protocol().name());
        String name = node + "-" + protocol.name().toLowerCase(Locale.ROOT) + "-" + open.firstPort()
                + (open.isRange() ? "-" + open.lastPort() : "");
        return new FirewallRule(name, protocol, open.firstPort(), open.lastPort(), INTERNET, destination);
    }

    /** The TCP and UDP ports a node's public address forwards to it, in the plan's order. */
    static List<PortRange> forwarded(Node node) {
        return node.internetRules().stream().filter(r -> r.protocol() != PortRule.Protocol.ICMP)
                .map(r -> new PortRange(FirewallRule.Protocol.valueOf(r.protocol().name()), r.firstPort(), r.lastPort()))
                .toList();
    }

    /** The subnet of an accepted network; the plan's validation has made sure that it names one. */
    private static Optional<String> subnet(Plan plan, Facility here, String accepted) {
        int sep = accepted.indexOf("::");
        String facilityName = sep < 0 ? here.name() : accepted.substring(0, sep);
        String network = sep < 0 ? accepted : accepted.substring(sep + 2);
        return plan.facilities().stream().filter(f -> f.name().equals(facilityName))
                .flatMap(f -> f.blueprints().stream())
                .filter(b -> !b.isGroup() && b.ethernet() != null && b.ethernet().name().equals(network)
                        && b.ethernet().subnet() != null)
                .map(b -> b.ethernet().subnet().toString()).findFirst();
    }
}
