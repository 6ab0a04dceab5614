package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Domain;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.net.Subnet;
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

    private static final List<String> FACILITY_KEYS = List.of("locationId", "regionId", "provider", "providerSettings",
            "blueprints", "basement", "prepare", "apps");
    private static final List<String> BLUEPRINT_KEYS = List.of("domain", "ethernet", "nodes", "listeners", "multicloud");
    static final List<String> DOMAIN_KEYS = List.of("name", "description", "service", "ipv4");
    static final List<String> ETHERNET_KEYS = List.of("name", "description", "subnet", "accept", "destroy");

    private final Defaults defaults;
    private final NodeReader nodes;
    /** Every node read, with its position, for the plan-wide checks. */
    final List<Located<Node>> located = new ArrayList<>();
    /** Every ethernet read, with the position of its subnet, per facility index. */
    final List<Located<Map.Entry<Integer, Ethernet>>> ethernets = new ArrayList<>();
    /** Every entry of an ethernet's {@code accept} list, with its position, per facility index. */
    final List<Located<Map.Entry<Integer, String>>> accepts = new ArrayList<>();

    FacilityReader(Defaults defaults) {
        this.defaults = defaults;
        this.nodes = new NodeReader(defaults.profiles(), defaults.cloudConfig());
    }

    Facility read(int index, YamlMap doc) {
        doc.allowOnly(FACILITY_KEYS);
        Optional<String> location = doc.string("locationId").or(() -> doc.string("regionId"));
        String provider = doc.string("provider").orElse(DEFAULT_PROVIDER);
        Map<String, String> settings = new LinkedHashMap<>();
        location.ifPresent(l -> settings.put("location", l));
        doc.map("providerSettings", "'providerSettings'").ifPresent(ps ->
                ps.values().forEach((k, v) -> ps.scalar(v, "'" + k + "' in providerSettings").ifPresent(s -> settings.put(k, s))));
        if (!doc.has("blueprints")) {
            doc.source().error(doc.node(), "facility " + (index + 1) + " has no 'blueprints'");
        }
        List<Blueprint> blueprints = new ArrayList<>();
        Map<String, org.yaml.snakeyaml.nodes.Node> seen = new LinkedHashMap<>();
        for (org.yaml.snakeyaml.nodes.Node item : doc.sequence("blueprints")) {
            blueprint(index, item, doc).ifPresent(entry -> {
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
        return new Facility(index, location.orElse("facility-" + (index + 1)), provider, settings, blueprints,
                apps(doc));
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

    private Optional<Located<Blueprint>> blueprint(int facility, org.yaml.snakeyaml.nodes.Node item, YamlMap doc) {
        Source source = doc.source();
        if (!(item instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            source.error(item, "each blueprint is one name followed by its settings, e.g. '- web:' then indented "
                    + "domain, ethernet and nodes");
            return Optional.empty();
        }
        NodeTuple tuple = mapping.getValue().get(0);
        String name = doc.scalar(tuple.getKeyNode(), "a blueprint name").orElse("?");
        org.yaml.snakeyaml.nodes.Node body = tuple.getValueNode();
        if (body instanceof ScalarNode s && !YamlMap.isNull(s)) {
            List<String> members = List.of(doc.parameters().substitute(s.getValue(), s).trim().split("\\s+"));
            return Optional.of(new Located<>(new Blueprint(name, null, null, List.of(), members), source.at(item)));
        }
        Optional<YamlMap> bp = YamlMap.of(body, source, doc.parameters(), "blueprint '" + name + "'");
        if (bp.isEmpty()) {
            return Optional.empty();
        }
        YamlMap b = bp.get();
        b.allowOnly(BLUEPRINT_KEYS);
        Domain domain = b.map("domain", "the domain of blueprint '" + name + "'").map(FacilityReader::domain)
                .orElse(defaults.domain().orElse(null));
        Optional<YamlMap> ethernetMap = b.map("ethernet", "the ethernet of blueprint '" + name + "'")
                .or(defaults::ethernetMap);
        Ethernet ethernet = ethernetMap.map(e -> ethernet(facility, e)).orElse(null);
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
        return Optional.of(new Located<>(new Blueprint(name, domain, ethernet, blueprintNodes, List.of()),
                source.at(item)));
    }

    private List<Located<Node>> nodeLine(org.yaml.snakeyaml.nodes.Node line, YamlMap blueprint, String name) {
        Source source = blueprint.source();
        if (line instanceof ScalarNode s && !YamlMap.isNull(s)) {
            String nodeName = blueprint.parameters().substitute(s.getValue(), s);
            YamlMap empty = YamlMap.of(null, source, blueprint.parameters(), "node '" + nodeName + "'").orElseThrow();
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
        return YamlMap.of(tuple.getValueNode(), source, blueprint.parameters(), "node '" + nodeName.get() + "'")
                .map(own -> nodes.read(nodeName.get(), tuple.getKeyNode(), own, name))
                .orElse(List.of());
    }

    static Domain domain(YamlMap d) {
        d.allowOnly(DOMAIN_KEYS);
        if (!d.has("name")) {
            d.source().error(d.node(), d.what() + " needs a 'name'");
        }
        return new Domain(d.string("name").orElse(null), d.string("description").orElse(null),
                d.string("service").orElse(null), d.string("ipv4").orElse(null));
    }

    private Ethernet ethernet(int facility, YamlMap e) {
        e.allowOnly(ETHERNET_KEYS);
        if (!e.has("name")) {
            e.source().error(e.node(), e.what() + " needs a 'name'");
        }
        Subnet subnet = null;
        Optional<String> text = e.string("subnet");
        if (text.isEmpty()) {
            e.source().error(e.node(), e.what() + " needs a 'subnet', e.g. 10.77.0.0 (a /24) or 10.77.0.0/16");
        } else {
            try {
                subnet = PlanSubnet.parse(text.get());
            } catch (IllegalArgumentException ex) {
                e.source().error(e.value("subnet").orElseThrow(), "bad subnet in " + e.what() + ": " + ex.getMessage());
            }
        }
        Ethernet ethernet = new Ethernet(e.string("name").orElse(null), e.string("description").orElse(null), subnet,
                e.strings("accept"), e.string("destroy").orElse(null));
        e.value("accept").ifPresent(list -> {
            List<org.yaml.snakeyaml.nodes.Node> entries = list instanceof org.yaml.snakeyaml.nodes.SequenceNode seq
                    ? seq.getValue() : List.of(list);
            for (int i = 0; i < entries.size() && i < ethernet.accept().size(); i++) {
                accepts.add(new Located<>(Map.entry(facility, ethernet.accept().get(i)), e.source().at(entries.get(i))));
            }
        });
        if (subnet != null) {
            ethernets.add(new Located<>(Map.entry(facility, ethernet), e.source().at(e.value("subnet").orElseThrow())));
        }
        return ethernet;
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
}
