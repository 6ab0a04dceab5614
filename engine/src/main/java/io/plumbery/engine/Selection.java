package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blueprints an action works on: all of them, or those named on the command line (a group name
 * selects its members).
 */
public record Selection(Set<String> names) {

    public static final Selection ALL = new Selection(Set.of());

    public Selection {
        names = Set.copyOf(names);
    }

    public boolean all() {
        return names.isEmpty();
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
        if (all() || names.contains(blueprint.name())) {
            return true;
        }
        return facility.blueprints().stream()
                .anyMatch(g -> g.isGroup() && names.contains(g.name()) && g.members().contains(blueprint.name()));
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
