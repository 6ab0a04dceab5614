package io.plumbery.cli.engine;

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

/** The inbound rules of one network: each {@code glue: internet PORTS} opens those ports to its node. */
final class Firewalls {

    private Firewalls() {
    }

    static List<FirewallRule> rules(Plan plan, Facility facility, String ethernet, State state) {
        List<FirewallRule> rules = new ArrayList<>();
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
}
