package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ethernet written with a name and no subnet uses a network declared elsewhere: by another blueprint of its
 * facility ({@code name}) or of another facility ({@code FACILITY::name}), which gives it its subnet; or, when the
 * plan declares none by that name, a network that must already exist at the provider (said in a warning, since
 * it may as well be a typo).
 */
final class EthernetReferences {

    private EthernetReferences() {
    }

    static List<Facility> resolve(Source source, List<Facility> facilities,
                                  List<Located<Map.Entry<Integer, String>>> references) {
        List<Facility> out = new ArrayList<>();
        for (Facility facility : facilities) {
            List<Blueprint> blueprints = new ArrayList<>();
            for (Blueprint b : facility.blueprints()) {
                Optional<Located<Map.Entry<Integer, String>>> reference = references.stream()
                        .filter(r -> r.value().getKey() == facility.index() && r.value().getValue().equals(b.name()))
                        .findFirst();
                blueprints.add(reference.isEmpty() || b.ethernet().name() == null ? b
                        : b.withEthernet(resolve(source, facilities, facility, b.ethernet(), reference.get())));
            }
            out.add(facility.withBlueprints(blueprints));
        }
        return out;
    }

    private static Ethernet resolve(Source source, List<Facility> facilities, Facility here, Ethernet ethernet,
                                    Located<?> where) {
        String name = ethernet.name();
        int sep = name.indexOf("::");
        String facilityName = sep < 0 ? here.name() : name.substring(0, sep);
        String network = sep < 0 ? name : name.substring(sep + 2);
        Optional<Ethernet> declaration = facilities.stream().filter(f -> f.name().equals(facilityName))
                .flatMap(f -> f.blueprints().stream())
                .map(Blueprint::ethernet)
                .filter(e -> e != null && e.isDeclaredHere() && network.equals(e.name()))
                .findFirst();
        if (declaration.isPresent()) {
            return ethernet.referencing(declaration.get());
        }
        List<String> declared = facilities.stream().flatMap(f -> f.blueprints().stream()
                        .map(Blueprint::ethernet).filter(e -> e != null && e.isDeclaredHere())
                        .map(e -> f == here ? e.name() : f.name() + "::" + e.name()))
                .distinct().toList();
        if (sep >= 0) {
            source.diagnostics().error(where.where(), "ethernet '" + name + "' has no subnet and names no network "
                    + "that the plan declares" + Suggestions.hint(name, declared) + "; declared: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)));
        } else {
            source.diagnostics().warning(where.where(), "ethernet '" + name + "' has no subnet and no blueprint of "
                    + "facility " + here.name() + " declares it: it must already exist at the provider"
                    + Suggestions.hint(name, declared) + "; give it a subnet to have the plan make it");
        }
        return ethernet;
    }
}
