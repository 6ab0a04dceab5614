package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.state.Placed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The networks the blueprints stand on. An ethernet the blueprint declares is a network of its own facility; a
 * reference ({@code front}, {@code EU6::front}) is the network its declaring blueprint makes, so the nodes of both
 * blueprints share one network and one record in the state; an ethernet the plan declares nowhere is a network
 * the provider already has, used by name and never created nor deleted by the plan.
 */
final class Networks {

    /** The spec recorded with a network the provider already had: the plan did not make it, so never deletes it. */
    static final Map<String, String> EXISTING = Map.of("network", "existing at the provider");

    private Networks() {
    }

    /** The blueprint that declares the network {@code blueprint} stands on: itself, unless it references another. */
    static Target.Network home(Plan plan, Facility facility, Blueprint blueprint) {
        String address = Addresses.network(facility, blueprint);
        if (blueprint.ethernet().kind() == Ethernet.Kind.REFERENCE) {
            for (Target.Network other : on(plan, address)) {
                if (other.blueprint().ethernet().isDeclaredHere()) {
                    return other;
                }
            }
        }
        return new Target.Network(facility, blueprint);
    }

    /** Every blueprint of the plan on the network recorded at {@code address}, in the plan's order. */
    static List<Target.Network> on(Plan plan, String address) {
        List<Target.Network> out = new ArrayList<>();
        for (Facility f : plan.facilities()) {
            for (Blueprint b : f.blueprints()) {
                if (!b.isGroup() && b.ethernet() != null && Addresses.network(f, b).equals(address)) {
                    out.add(new Target.Network(f, b));
                }
            }
        }
        return out;
    }

    static boolean existing(Ethernet ethernet) {
        return ethernet.kind() == Ethernet.Kind.EXISTING;
    }

    /** Whether the plan used this network without making it, so that it must never delete it. */
    static boolean notMadeByThePlan(Placed<NetworkRecord> network) {
        return EXISTING.equals(network.spec());
    }

    /** {@code 10.77.1.0/24 (front)}, or {@code front, at the provider} for a network the plan does not make. */
    static String describe(Ethernet ethernet) {
        return existing(ethernet) ? ethernet.name() + ", at the provider" : ethernet.subnet() + " (" + ethernet.name() + ")";
    }
}
