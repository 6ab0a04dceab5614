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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound rules of one network: each {@code glue: internet icmp 22 udp:137..138} opens that to its node, and each
 * network of an {@code accept} list of a blueprint on it ({@code name} in the same facility, {@code FACILITY::name}
 * elsewhere) may send it anything.
 */
final class Firewalls {

    private static final String INTERNET = "0.0.0.0/0";

    private Firewalls() {
    }

    /**
     * The rules of the network that {@code facility} names {@code ethernet}: the accept lists of every blueprint on
     * it (each entry read in the facility where it is written), then the glue of every node on it, in the plan's order.
     */
    static List<FirewallRule> rules(Plan plan, Facility facility, String ethernet, State state) {
        Blueprint named = facility.blueprints().stream()
                .filter(b -> !b.isGroup() && b.ethernet() != null && ethernet.equals(b.ethernet().name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no ethernet " + ethernet + " in " + facility.name()));
        Target.Network home = Networks.home(plan, facility, named);
        List<Target.Network> on = Networks.on(plan, Addresses.network(facility, named));
        Map<String, FirewallRule> accepts = new LinkedHashMap<>();
        String destination = home.blueprint().ethernet().subnet() == null ? null
                : home.blueprint().ethernet().subnet().toString();
        for (Target.Network b : on) {
            for (String accepted : b.blueprint().ethernet().accept()) {
                Site site = Site.of(b.facility(), accepted);
                String name = "accept-" + (site.facility().equals(home.facility().name()) ? "" : site.facility() + "-")
                        + site.network();
                subnet(plan, site).ifPresent(source -> accepts.putIfAbsent(name,
                        FirewallRule.everything(name, source, destination)));
            }
        }
        List<FirewallRule> rules = new ArrayList<>(accepts.values());
        for (Target.Network b : on) {
            for (Node n : b.blueprint().nodes()) {
                Placed<NodeRecord> recorded = state.nodes().get(Addresses.node(n));
                String address = recorded == null || recorded.record().privateAddress() == null
                        ? n.name() : recorded.record().privateAddress();
                for (PortRule open : n.internetRules()) {
                    rules.add(rule(n.name(), open, address));
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

    /**
     * The subnet of an accepted network, declared or referenced there; none for one that exists only at the provider
     * (its addresses are not in the plan: {@link PlanFit} warns of it). The plan's validation has made sure that
     * the entry names a network.
     */
    static Optional<String> subnet(Plan plan, Site accepted) {
        return plan.facilities().stream().filter(f -> f.name().equals(accepted.facility()))
                .flatMap(f -> f.blueprints().stream())
                .filter(b -> !b.isGroup() && b.ethernet() != null && b.ethernet().name().equals(accepted.network())
                        && b.ethernet().subnet() != null)
                .map(b -> b.ethernet().subnet().toString()).findFirst();
    }

    /** An entry of an accept list, {@code name} or {@code FACILITY::name}, read in the facility that writes it. */
    record Site(String facility, String network) {
        static Site of(Facility here, String entry) {
            int sep = entry.indexOf("::");
            return sep < 0 ? new Site(here.name(), entry) : new Site(entry.substring(0, sep), entry.substring(sep + 2));
        }
    }
}
