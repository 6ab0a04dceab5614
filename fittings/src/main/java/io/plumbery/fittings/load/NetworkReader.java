package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.Domain;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.net.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a blueprint's {@code domain} and {@code ethernet}, each merged over the defaults as plumbery does:
 * a key is taken from the most specific level that has it, {@code accept} lists are joined.
 */
final class NetworkReader {

    static final List<String> DOMAIN_KEYS = List.of("name", "description", "service", "ipv4");
    static final List<String> ETHERNET_KEYS = PlumberyKeys.and(List.of("name", "description", "subnet", "accept",
            "destroy"), PlumberyKeys.ETHERNET_NOT_SUPPORTED);

    /** Every ethernet read, with the position of its subnet, per facility index. */
    final List<Located<Map.Entry<Integer, Ethernet>>> ethernets = new ArrayList<>();
    /** Every entry of an ethernet's {@code accept} list, with its position, per facility index. */
    final List<Located<Map.Entry<Integer, String>>> accepts = new ArrayList<>();
    /** The blueprints whose ethernet has no subnet (it names a network declared elsewhere), per facility index. */
    final List<Located<Map.Entry<Integer, String>>> references = new ArrayList<>();

    /** The domain the levels make, or empty when none of them gives one. */
    static Optional<Domain> domain(Layers d) {
        if (d.isEmpty()) {
            return Optional.empty();
        }
        d.levels().forEach(level -> level.allowOnly(DOMAIN_KEYS));
        if (d.pick("name").isEmpty()) {
            d.top().source().error(d.top().node(), d.top().what() + " needs a 'name'");
        }
        return Optional.of(new Domain(d.string("name").orElse(null), d.string("description").orElse(null),
                d.string("service").orElse(null), d.string("ipv4").orElse(null)));
    }

    /**
     * The ethernet the levels make, or empty when none of them gives one. Without a subnet it names a network
     * declared elsewhere, which {@link EthernetReferences} finds.
     */
    Optional<Ethernet> ethernet(int facility, Layers e, Located<String> blueprint) {
        if (e.isEmpty()) {
            return Optional.empty();
        }
        e.levels().forEach(level -> {
            level.allowOnly(ETHERNET_KEYS);
            PlumberyKeys.check(level, Map.of(), PlumberyKeys.ETHERNET_NOT_SUPPORTED);
        });
        YamlMap top = e.top();
        if (e.pick("name").isEmpty()) {
            top.source().error(top.node(), top.what() + " needs a 'name'");
        }
        Subnet subnet = null;
        Optional<YamlMap> subnetLevel = e.pick("subnet");
        Optional<String> text = subnetLevel.flatMap(level -> level.string("subnet"));
        if (text.isPresent()) {
            try {
                subnet = PlanSubnet.parse(text.get());
            } catch (IllegalArgumentException ex) {
                YamlMap at = subnetLevel.orElseThrow();
                at.source().error(at.value("subnet").orElseThrow(), "bad subnet in " + at.what() + ": " + ex.getMessage());
            }
        }
        List<Map.Entry<String, org.yaml.snakeyaml.nodes.Node>> accept = e.joined("accept");
        SourceRange where = e.pick("name").map(level -> level.source().at(level.value("name").orElseThrow()))
                .orElse(top.source().at(top.node()));
        Ethernet ethernet = new Ethernet(e.string("name").orElse(null), e.string("description").orElse(null), subnet,
                accept.stream().map(Map.Entry::getKey).toList(), e.string("destroy").orElse(null), where);
        accept.forEach(a -> accepts.add(new Located<>(Map.entry(facility, a.getKey()), top.source().at(a.getValue()))));
        if (text.isEmpty()) {
            references.add(new Located<>(Map.entry(facility, blueprint.value()), blueprint.where()));
        } else if (subnet != null) {
            YamlMap at = subnetLevel.orElseThrow();
            ethernets.add(new Located<>(Map.entry(facility, ethernet), at.source().at(at.value("subnet").orElseThrow())));
        }
        return Optional.of(ethernet);
    }
}
