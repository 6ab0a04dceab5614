package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blueprints an action works on: those named on the command line (a group name selects its members); when
 * none is named, a facility's default ones ({@code defaults: blueprints:} of the facility, else of the plan), and
 * all of those of a facility that has none.
 */
public record Selection(Set<String> names) {

    /** No blueprint named: the default ones. */
    public static final Selection DEFAULT = new Selection(Set.of());

    public Selection {
        names = Set.copyOf(names);
    }

    /**
     * Whether every blueprint of the plan is selected, so that what the state holds and the plan no longer has may
     * go too: nothing is named and no facility has default blueprints.
     */
    public boolean all(Plan plan) {
        return names.isEmpty() && plan.facilities().stream().allMatch(f -> f.defaultBlueprints().isEmpty());
    }

    /** Names that match no blueprint of the plan; the CLI reports them as a usage error. */
    public List<String> unknown(Plan plan) {
        Set<String> known = new LinkedHashSet<>();
        plan.blueprints().forEach(b -> known.add(b.name()));
        List<String> out = new ArrayList<>();
        names.forEach(n -> {
            if (!known.contains(n)) {
                out.add(n);
            }
        });
        return out;
    }

    public boolean includes(Facility facility, Blueprint blueprint) {
        Set<String> wanted = names.isEmpty() ? Set.copyOf(facility.defaultBlueprints()) : names;
        if (wanted.isEmpty() || wanted.contains(blueprint.name())) {
            return true;
        }
        return facility.blueprints().stream()
                .anyMatch(g -> g.isGroup() && wanted.contains(g.name()) && g.members().contains(blueprint.name()));
    }

    /** The blueprints with nodes or networks (not groups) selected, facility by facility. */
    public List<Target.Network> blueprints(Plan plan) {
        List<Target.Network> out = new ArrayList<>();
        for (Facility f : plan.facilities()) {
            for (Blueprint b : f.blueprints()) {
                if (!b.isGroup() && b.ethernet() != null && includes(f, b)) {
                    out.add(new Target.Network(f, b));
                }
            }
        }
        return out;
    }
}
