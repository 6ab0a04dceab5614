package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeRecord;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inbound rules of one network: each {@code glue: internet PORTS} opens those ports to its node, and each
 * network of its {@code accept} list ({@code name} in the same facility, {@code FACILITY::name} elsewhere) may
 * send it anything.
 */
final class Firewalls {

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
                for (int port : n.internetPorts()) {
                    rules.add(new FirewallRule(n.name() + "-tcp-" + port, FirewallRule.Protocol.TCP, port,
                            "0.0.0.0/0", destination));
                }
            }
        }
        return rules;
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
