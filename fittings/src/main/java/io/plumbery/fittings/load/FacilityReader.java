package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Domain;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Pool;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one facility document: where it is, which provider builds it, and its blueprints. */
final class FacilityReader {

    static final String DEFAULT_PROVIDER = "local";

    private static final List<String> FACILITY_KEYS = PlumberyKeys.and(List.of("locationId", "regionId", "provider",
            "providerSettings", "blueprints", "basement", "apps", "defaults"), PlumberyKeys.FACILITY_NOT_ACTED_ON,
            PlumberyKeys.FACILITY_NOT_SUPPORTED);
    private static final List<String> BLUEPRINT_KEYS = PlumberyKeys.and(List.of("domain", "ethernet", "nodes", "pool",
            "balancers"), PlumberyKeys.BLUEPRINT_NOT_ACTED_ON);

    private final Defaults defaults;
    private final NodeReader nodes;
    /** Every node read, with its position, for the plan-wide checks. */
    final List<Located<Node>> located = new ArrayList<>();
    /** Every network read, for the plan-wide checks. */
    final NetworkReader networks = new NetworkReader();
    /** Every balancer read, for the placeholder checks. */
    final BalancerReader balancers = new BalancerReader();

    FacilityReader(Defaults defaults) {
        this.defaults = defaults;
        this.nodes = new NodeReader(defaults.profiles(), defaults.cloudConfig());
    }

    Facility read(int index, YamlMap doc) {
        doc.allowOnly(FACILITY_KEYS);
        PlumberyKeys.check(doc, PlumberyKeys.FACILITY_NOT_ACTED_ON, PlumberyKeys.FACILITY_NOT_SUPPORTED);
        Optional<String> location = doc.string("locationId").or(() -> doc.string("regionId"));
        String provider = doc.string("provider").orElse(DEFAULT_PROVIDER);
        Map<String, String> settings = new LinkedHashMap<>();
        location.ifPresent(l -> settings.put("location", l));
        doc.map("providerSettings", "'providerSettings'").ifPresent(ps ->
                ps.values().forEach((k, v) -> ps.scalar(v, "'" + k + "' in providerSettings").ifPresent(s -> settings.put(k, s))));
        if (!doc.has("blueprints")) {
            doc.source().error(doc.node(), "facility " + (index + 1) + " has no 'blueprints'");
        }
        Defaults own = Defaults.readFacility(doc.map("defaults", "the defaults of facility " + (index + 1)));
        List<Blueprint> blueprints = new ArrayList<>();
        Map<String, org.yaml.snakeyaml.nodes.Node> seen = new LinkedHashMap<>();
        for (org.yaml.snakeyaml.nodes.Node item : doc.sequence("blueprints")) {
            blueprint(index, item, doc, own).ifPresent(entry -> {
                org.yaml.snakeyaml.nodes.Node first = seen.putIfAbsent(entry.value().name(), item);
                if (first != null) {
                    doc.source().error(item, "duplicate blueprint '" + entry.value().name() + "' in this facility (first at line "
                            + (first.getStartMark().getLine() + 1) + ")");
                } else {
                    blueprints.add(entry.value());
                }
            });
        }
        checkGroups(doc, blueprints, seen);
        own.blueprints().ifPresent(names -> checkBlueprintNames(doc.source(), "defaults: blueprints", names, blueprints));
        Optional<Located<List<String>>> basement = Defaults.names(doc, "basement");
        basement.ifPresent(names -> checkBlueprintNames(doc.source(), "basement", names, blueprints));
        List<String> defaultBlueprints = own.blueprints().or(defaults::blueprints).map(Located::value).orElse(List.of());
        return new Facility(index, location.orElse("facility-" + (index + 1)), provider, settings, blueprints,
                apps(doc), defaultBlueprints, basement.map(Located::value).orElse(List.of()));
    }

    /** Marathon apps: passed on as they are (Marathon validates them), but each needs an 'id'. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> apps(YamlMap doc) {
        List<Map<String, Object>> apps = new ArrayList<>();
        for (org.yaml.snakeyaml.nodes.Node item : doc.sequence("apps")) {
            Object app = doc.plain(item);
            if (!(app instanceof Map<?, ?> map) || !(map.get("id") instanceof String id) || id.isBlank()) {
                doc.source().error(item, "each of 'apps' is a Marathon app definition with an 'id', "
                        + "e.g. {id: /hello, cmd: 'python3 -m http.server $PORT0', cpus: 0.1, mem: 64}");
                continue;
            }
            apps.add((Map<String, Object>) map);
        }
        return apps;
    }

    private Optional<Located<Blueprint>> blueprint(int facility, org.yaml.snakeyaml.nodes.Node item, YamlMap doc,
                                                   Defaults facilityDefaults) {
        Source source = doc.source();
        if (item instanceof MappingNode mapping && mapping.getValue().size() > 1
                && YamlMap.isNull(mapping.getValue().get(0).getValueNode())) {
            List<String> beside = mapping.getValue().stream().skip(1).map(t -> YamlMap.describe(t.getKeyNode())).toList();
            source.error(item, "blueprint " + YamlMap.describe(mapping.getValue().get(0).getKeyNode()) + " has nothing "
                    + "under it, and " + String.join(", ", beside) + " beside its name: indent "
                    + (beside.size() == 1 ? "it" : "them") + " under the name (plumbery ignored such a blueprint)");
            return Optional.empty();
        }
        if (!(item instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            source.error(item, "each blueprint is one name followed by its settings, e.g. '- web:' then indented "
                    + "domain, ethernet and nodes");
            return Optional.empty();
        }
        NodeTuple tuple = mapping.getValue().get(0);
        String name = doc.scalar(tuple.getKeyNode(), "a blueprint name").orElse("?");
        org.yaml.snakeyaml.nodes.Node body = tuple.getValueNode();
        if (body instanceof ScalarNode s && !YamlMap.isNull(s)) {
            List<String> members = List.of(doc.substitutions().substitute(s.getValue(), s).trim().split("\\s+"));
            return Optional.of(new Located<>(new Blueprint(name, null, null, List.of(), members), source.at(item)));
        }
        Optional<YamlMap> bp = YamlMap.of(body, source, doc.substitutions(), "blueprint '" + name + "'");
        if (bp.isEmpty()) {
            return Optional.empty();
        }
        YamlMap b = bp.get();
        b.allowOnly(BLUEPRINT_KEYS);
        PlumberyKeys.check(b, PlumberyKeys.BLUEPRINT_NOT_ACTED_ON, Map.of());
        Domain domain = NetworkReader.domain(Layers.of(defaults.domain(), facilityDefaults.domain(),
                b.map("domain", "the domain of blueprint '" + name + "'"))).orElse(null);
        Ethernet ethernet = networks.ethernet(facility, Layers.of(defaults.ethernet(), facilityDefaults.ethernet(),
                b.map("ethernet", "the ethernet of blueprint '" + name + "'")), new Located<>(name, source.at(item))).orElse(null);
        List<Node> blueprintNodes = new ArrayList<>();
        for (org.yaml.snakeyaml.nodes.Node line : b.sequence("nodes")) {
            for (Located<Node> node : nodeLine(line, b, name)) {
                blueprintNodes.add(node.value());
                located.add(node);
            }
        }
        if (!blueprintNodes.isEmpty() && ethernet == null) {
            source.error(tuple.getKeyNode(), "blueprint '" + name + "' has nodes but no ethernet network: add "
                    + "'ethernet: {name: ..., subnet: 10.77.0.0}' to it or under 'defaults'");
        }
        List<Balancer> blueprintBalancers = balancers.balancers(b);
        Pool pool = BalancerReader.pool(b, !blueprintBalancers.isEmpty()).orElse(null);
        return Optional.of(new Located<>(new Blueprint(name, domain, ethernet, blueprintNodes, List.of(), pool,
                blueprintBalancers), source.at(item)));
    }

    private List<Located<Node>> nodeLine(org.yaml.snakeyaml.nodes.Node line, YamlMap blueprint, String name) {
        Source source = blueprint.source();
        if (line instanceof ScalarNode s && !YamlMap.isNull(s)) {
            String nodeName = blueprint.substitutions().substitute(s.getValue(), s);
            YamlMap empty = YamlMap.of(null, source, blueprint.substitutions(), "node '" + nodeName + "'").orElseThrow();
            return nodes.read(nodeName, s, empty, name);
        }
        if (!(line instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            source.error(line, "each node of blueprint '" + name + "' is one name followed by its settings, "
                    + "e.g. '- web1:' then indented 'default: web'");
            return List.of();
        }
        NodeTuple tuple = mapping.getValue().get(0);
        Optional<String> nodeName = blueprint.scalar(tuple.getKeyNode(), "a node name");
        if (nodeName.isEmpty()) {
            return List.of();
        }
        return YamlMap.of(tuple.getValueNode(), source, blueprint.substitutions(), "node '" + nodeName.get() + "'")
                .map(own -> nodes.read(nodeName.get(), tuple.getKeyNode(), own, name))
                .orElse(List.of());
    }

    private static void checkGroups(YamlMap doc, List<Blueprint> blueprints,
                                    Map<String, org.yaml.snakeyaml.nodes.Node> positions) {
        List<String> names = blueprints.stream().filter(b -> !b.isGroup()).map(Blueprint::name).toList();
        for (Blueprint group : blueprints) {
            for (String member : group.members()) {
                if (!names.contains(member)) {
                    doc.source().error(positions.get(group.name()), "blueprint group '" + group.name()
                            + "' names '" + member + "', which is no blueprint of this facility"
                            + Suggestions.hint(member, names));
                }
            }
        }
    }

    /** A facility's {@code defaults: blueprints:} and {@code basement:} name blueprints (or groups) of it. */
    private static void checkBlueprintNames(Source source, String what, Located<List<String>> names,
                                            List<Blueprint> blueprints) {
        List<String> known = blueprints.stream().map(Blueprint::name).toList();
        for (String name : names.value()) {
            if (!known.contains(name)) {
                source.diagnostics().error(names.where(), what + " names '" + name
                        + "', which is no blueprint of this facility" + Suggestions.hint(name, known)
                        + "; blueprints: " + String.join(", ", known));
            }
        }
    }
}
