package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.placeholder.Placeholders;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that need the whole plan: unique node names, subnets that do not collide, placeholders that can resolve. */
final class PlanChecks {

    private PlanChecks() {
    }

    static void uniqueNodes(Source source, List<Located<Node>> nodes) {
        Map<String, Located<Node>> first = new HashMap<>();
        for (Located<Node> node : nodes) {
            Located<Node> earlier = first.putIfAbsent(node.value().name(), node);
            if (earlier != null) {
                source.diagnostics().error(node.where(), "duplicate node name '" + node.value().name()
                        + "' (first at line " + earlier.where().line() + "): node names are host names and must be unique");
            }
        }
    }

    /** Two different networks of one facility must not share addresses; one network must keep one subnet. */
    static void subnets(Source source, List<Located<Map.Entry<Integer, Ethernet>>> ethernets) {
        for (int i = 0; i < ethernets.size(); i++) {
            for (int j = 0; j < i; j++) {
                Located<Map.Entry<Integer, Ethernet>> a = ethernets.get(j);
                Located<Map.Entry<Integer, Ethernet>> b = ethernets.get(i);
                if (!a.value().getKey().equals(b.value().getKey()) || a.where().equals(b.where())) {
                    continue;
                }
                Ethernet ea = a.value().getValue();
                Ethernet eb = b.value().getValue();
                boolean sameName = String.valueOf(ea.name()).equals(String.valueOf(eb.name()));
                if (sameName && !ea.subnet().equals(eb.subnet())) {
                    source.diagnostics().error(b.where(), "ethernet '" + eb.name() + "' has subnet " + eb.subnet()
                            + " here but " + ea.subnet() + " at line " + a.where().line());
                } else if (!sameName && ea.subnet().overlaps(eb.subnet())) {
                    source.diagnostics().error(b.where(), "subnet " + eb.subnet() + " of ethernet '" + eb.name()
                            + "' overlaps subnet " + ea.subnet() + " of ethernet '" + ea.name() + "' at line "
                            + a.where().line());
                }
            }
        }
    }

    /**
     * An {@code accept} entry names a network of the plan: {@code name} in its own facility, or
     * {@code FACILITY::name} in another; what it names gets its traffic in, so a typo must not pass unseen.
     */
    static void accepts(Source source, List<Located<Map.Entry<Integer, String>>> accepts,
                        List<io.plumbery.fittings.model.Facility> facilities) {
        for (Located<Map.Entry<Integer, String>> accept : accepts) {
            String entry = accept.value().getValue();
            if (entry.contains("{{")) {
                continue; // an unresolved placeholder, reported where it is
            }
            int sep = entry.indexOf("::");
            String facilityName = sep < 0 ? null : entry.substring(0, sep);
            String network = sep < 0 ? entry : entry.substring(sep + 2);
            io.plumbery.fittings.model.Facility facility = facilities.stream()
                    .filter(f -> facilityName == null ? f.index() == accept.value().getKey() : f.name().equals(facilityName))
                    .findFirst().orElse(null);
            if (facility == null) {
                List<String> names = facilities.stream().map(io.plumbery.fittings.model.Facility::name).toList();
                source.diagnostics().error(accept.where(), "accept: no facility '" + facilityName + "' in the plan"
                        + Suggestions.hint(facilityName, names) + "; facilities: " + String.join(", ", names));
                continue;
            }
            List<String> networks = facility.blueprints().stream()
                    .filter(b -> !b.isGroup() && b.ethernet() != null && b.ethernet().name() != null)
                    .map(b -> b.ethernet().name()).distinct().toList();
            if (!networks.contains(network)) {
                source.diagnostics().error(accept.where(), "accept: no network '" + network + "' in facility "
                        + facility.name() + Suggestions.hint(network, networks) + "; networks there: "
                        + String.join(", ", networks));
            }
        }
    }

    /** The plan's {@code defaults: blueprints:} names blueprints (or groups) of at least one facility. */
    static void defaultBlueprints(Source source, Located<List<String>> names,
                                  List<io.plumbery.fittings.model.Facility> facilities) {
        List<String> known = facilities.stream().flatMap(f -> f.blueprints().stream())
                .map(io.plumbery.fittings.model.Blueprint::name).distinct().toList();
        for (String name : names.value()) {
            if (!known.contains(name)) {
                source.diagnostics().error(names.where(), "defaults: blueprints names '" + name
                        + "', which is no blueprint of the plan" + Suggestions.hint(name, known)
                        + "; blueprints: " + String.join(", ", known));
            }
        }
    }

    /**
     * Every {@code {{ x.y }}} anywhere in the plan text, read by us or not, must name a parameter with a
     * value, a node, a secret or a known value; {@code {{ balancer.ip }}} and {@code {{ balancer.port }}} have
     * one in the information lines of balancers only.
     */
    static void placeholders(Substitutions substitutions, List<org.yaml.snakeyaml.nodes.Node> documents,
                             Set<String> nodeNames, Set<org.yaml.snakeyaml.nodes.Node> balancerInformation) {
        Map<org.yaml.snakeyaml.nodes.Node, Boolean> visited = new IdentityHashMap<>();
        for (org.yaml.snakeyaml.nodes.Node doc : documents) {
            walk(doc, visited, s -> {
                for (Map.Entry<String, String> ref : Placeholders.references(substitutions.substitute(s.getValue(), s))) {
                    String scope = ref.getKey();
                    if (scope.equals("balancer") && !Placeholders.BALANCER_ATTRIBUTES.contains(ref.getValue())) {
                        substitutions.source().error(s, "unknown placeholder {{ balancer." + ref.getValue()
                                + " }}: 'balancer' has " + String.join(", ", Placeholders.BALANCER_ATTRIBUTES));
                    } else if (scope.equals("balancer") && !balancerInformation.contains(s)) {
                        substitutions.source().error(s, "{{ balancer." + ref.getValue() + " }} has a value in the "
                                + "information lines of a blueprint's balancers only");
                    } else if (!scope.equals("balancer") && !scope.equals("parameter") && !scope.equals("environment")) {
                        Placeholders.check(scope, ref.getValue(), nodeNames)
                                .ifPresent(msg -> substitutions.source().error(s, msg));
                    }
                }
            });
        }
    }

    private static void walk(org.yaml.snakeyaml.nodes.Node node, Map<org.yaml.snakeyaml.nodes.Node, Boolean> visited,
                             java.util.function.Consumer<ScalarNode> check) {
        if (node == null || visited.put(node, Boolean.TRUE) != null) {
            return; // aliases share nodes: check each once
        }
        if (node instanceof ScalarNode s) {
            check.accept(s);
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> walk(item, visited, check));
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                walk(t.getKeyNode(), visited, check);
                walk(t.getValueNode(), visited, check);
            }
        }
    }
}
