package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jclouds.googlecloud.domain.ListPage;
import org.jclouds.googlecomputeengine.domain.Firewall;
import org.jclouds.googlecomputeengine.options.FirewallOptions;
import org.jclouds.googlecomputeengine.options.ListOptions;

/**
 * A network's firewall as GCE firewall rules: one ingress rule per source range of the plan
 * ({@code NETWORK-from-10-77-0-0-16}), allowing the protocols and ports the plan opens from it, and targeting the tag
 * every instance of the network carries (a rule's destination is the whole network, as with EC2's security groups).
 * The rules are made exactly the plan's: what it no longer asks for is deleted, what differs is updated. GCE's ICMP
 * has no types in firewall rules, so an ICMP rule lets all of ICMP in from its source, not only echo requests.
 */
final class GceFirewalls {

    static final String KIND = "firewall";

    private final GceScope scope;

    GceFirewalls(GceScope scope) {
        this.scope = scope;
    }

    /** One GCE rule: its source and what it allows, protocols in order, ports as GCE writes them. */
    record Wanted(String source, Map<String, Set<String>> allowed) {
        List<Firewall.Rule> rules() {
            List<Firewall.Rule> rules = new ArrayList<>();
            allowed.forEach((protocol, ports) -> rules.add(Firewall.Rule.create(protocol, List.copyOf(ports))));
            return rules;
        }

        boolean same(Firewall current) {
            Map<String, Set<String>> theirs = new TreeMap<>();
            current.allowed().forEach(r -> theirs.computeIfAbsent(r.ipProtocol(), p -> new LinkedHashSet<>())
                    .addAll(r.ports() == null ? List.of() : r.ports()));
            return theirs.equals(allowed) && List.of(source).equals(current.sourceRanges());
        }
    }

    /** The plan's rules as GCE rules, by name. */
    static Map<String, Wanted> wanted(String network, List<FirewallRule> rules) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (FirewallRule rule : rules) {
            Wanted one = wanted.computeIfAbsent(GceNames.firewall(network, rule.source()),
                    name -> new Wanted(rule.source(), new TreeMap<>()));
            Set<String> ports = one.allowed().computeIfAbsent(protocol(rule), p -> new LinkedHashSet<>());
            if (rule.portRange() != null) {
                ports.add(rule.firstPort() == rule.lastPort() ? String.valueOf(rule.firstPort())
                        : rule.firstPort() + "-" + rule.lastPort());
            }
        }
        return wanted;
    }

    private static String protocol(FirewallRule rule) {
        return switch (rule.protocol()) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ANY -> "all";
        };
    }

    /** Makes the network's rules the plan's; returns how many GCE rules there are. */
    int reconcile(String planNetwork, URI network, List<FirewallRule> rules) throws ProviderException {
        String name = GceNames.of(planNetwork);
        Map<String, Wanted> wanted = wanted(name, rules);
        Map<String, Firewall> current = current(name);
        for (Map.Entry<String, Wanted> rule : wanted.entrySet()) {
            Firewall now = current.get(rule.getKey());
            FirewallOptions options = new FirewallOptions().name(rule.getKey()).network(network)
                    .description(scope.names().description(KIND, name)).sourceRanges(List.of(rule.getValue().source()))
                    .targetTags(List.of(GceNames.networkTag(name))).allowedRules(rule.getValue().rules());
            if (now == null) {
                scope.calls().create("creating firewall rule " + rule.getKey(), () -> scope.api().firewalls()
                        .createInNetwork(rule.getKey(), network, options));
            } else if (!rule.getValue().same(now)) {
                scope.calls().change("updating firewall rule " + rule.getKey(), () -> scope.api().firewalls()
                        .update(rule.getKey(), options));
            }
        }
        for (String stale : current.keySet()) {
            if (!wanted.containsKey(stale)) {
                scope.calls().delete("deleting firewall rule " + stale, () -> scope.api().firewalls().delete(stale));
            }
        }
        return wanted.size();
    }

    void destroy(String planNetwork) throws ProviderException {
        for (String rule : current(GceNames.of(planNetwork)).keySet()) {
            scope.calls().delete("deleting firewall rule " + rule, () -> scope.api().firewalls().delete(rule));
        }
    }

    /** The network's rules as GCE has them: those named after it whose description marks them the plan's. */
    private Map<String, Firewall> current(String network) throws ProviderException {
        return scope.calls().read("looking for the firewall rules of network " + network, () -> {
            Map<String, Firewall> rules = new LinkedHashMap<>();
            Iterator<ListPage<Firewall>> pages = scope.api().firewalls().list(new ListOptions()
                    .filter("name eq " + network + "-from-.*"));
            while (pages.hasNext()) {
                for (Firewall f : pages.next()) {
                    if (scope.names().marks(f.description(), KIND, network)) {
                        rules.put(f.name(), f);
                    }
                }
            }
            return rules;
        });
    }
}
