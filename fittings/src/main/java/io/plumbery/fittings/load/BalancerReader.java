package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Pool;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A blueprint's {@code pool:} and {@code balancers:}, read as plumbery's load balancing has them: each balancer
 * a name with {@code protocol}, {@code port}, {@code address} and {@code information}.
 */
final class BalancerReader {

    static final List<String> POOL_KEYS = List.of("algorithm", "description");
    static final List<String> BALANCER_KEYS = List.of("protocol", "port", "address", "information");

    /** The information lines of every balancer, where {@code {{ balancer.ip }}} may be written. */
    final Set<org.yaml.snakeyaml.nodes.Node> informationNodes =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** The pool, the plan's or plumbery's default when the blueprint has balancers; empty when it needs none. */
    static Optional<Pool> pool(YamlMap blueprint, boolean hasBalancers) {
        Optional<YamlMap> written = blueprint.map("pool", "the pool of " + blueprint.what());
        if (written.isEmpty()) {
            return hasBalancers ? Optional.of(Pool.DEFAULT) : Optional.empty();
        }
        YamlMap p = written.get();
        p.allowOnly(POOL_KEYS);
        if (!hasBalancers) {
            p.source().warning(blueprint.keyNode("pool"), "'pool' in " + blueprint.what() + " has no 'balancers' "
                    + "in front of it: plumbery makes no pool then, and neither does this plan");
        }
        Pool.Algorithm algorithm = p.string("algorithm").flatMap(a -> oneOf(p, "algorithm", a, Pool.Algorithm.values()))
                .map(a -> Pool.Algorithm.valueOf(a.toUpperCase(Locale.ROOT))).orElse(Pool.Algorithm.ROUND_ROBIN);
        return Optional.of(new Pool(algorithm, p.string("description").orElse(null),
                p.value("algorithm").map(p.source()::at).orElse(null)));
    }

    List<Balancer> balancers(YamlMap blueprint) {
        List<Balancer> balancers = new ArrayList<>();
        for (org.yaml.snakeyaml.nodes.Node item : blueprint.sequence("balancers")) {
            if (item instanceof ScalarNode s && !YamlMap.isNull(s)) { // '- http': every setting plumbery's default
                balancers.add(new Balancer(blueprint.substitutions().substitute(s.getValue(), s),
                        Balancer.Protocol.HTTP, Balancer.DEFAULT_PORT, null, List.of(), blueprint.source().at(s)));
            } else if (item instanceof MappingNode m && m.getValue().size() == 1) {
                NodeTuple tuple = m.getValue().get(0);
                String name = blueprint.scalar(tuple.getKeyNode(), "a balancer name").orElse("?");
                YamlMap.of(tuple.getValueNode(), blueprint.source(), blueprint.substitutions(), "balancer '" + name + "'")
                        .ifPresent(b -> balancers.add(balancer(name, b, blueprint.source().at(tuple.getKeyNode()))));
            } else {
                blueprint.source().error(item, "each of 'balancers' in " + blueprint.what() + " is one name followed "
                        + "by its settings, e.g. '- http:' then indented 'protocol: http' and 'port: 80'");
            }
        }
        return balancers;
    }

    private Balancer balancer(String name, YamlMap b, io.plumbery.fittings.diag.SourceRange where) {
        b.allowOnly(BALANCER_KEYS);
        Balancer.Protocol protocol = b.string("protocol").flatMap(p -> oneOf(b, "protocol", p, Balancer.Protocol.values()))
                .map(p -> Balancer.Protocol.valueOf(p.toUpperCase(Locale.ROOT))).orElse(Balancer.Protocol.HTTP);
        int port = b.integer("port", 1, io.plumbery.fittings.model.PortRule.MAX_PORT).orElse(Balancer.DEFAULT_PORT);
        b.value("information").ifPresent(this::remember);
        return new Balancer(name, protocol, port, b.string("address").orElse(null), b.strings("information"), where);
    }

    private void remember(org.yaml.snakeyaml.nodes.Node information) {
        informationNodes.add(information);
        if (information instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            informationNodes.addAll(seq.getValue());
        }
    }

    private static Optional<String> oneOf(YamlMap m, String key, String value, Enum<?>[] allowed) {
        List<String> names = Arrays.stream(allowed).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
        if (names.contains(value.toLowerCase(Locale.ROOT))) {
            return Optional.of(value);
        }
        m.source().error(m.value(key).orElse(m.node()), "'" + key + "' in " + m.what() + " is '" + value
                + "'; it must be one of " + String.join(", ", names) + Suggestions.hint(value, names));
        return Optional.empty();
    }
}
