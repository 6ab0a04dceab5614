package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;

import java.util.Locale;

/**
 * The addresses under which resources are recorded in the state, and the names they get at a provider.
 * Two blueprints of a facility that name the same ethernet share its network.
 */
public final class Addresses {

    private Addresses() {
    }

    public static String network(Facility facility, Blueprint blueprint) {
        return "network." + facility.name() + "." + blueprint.ethernet().name();
    }

    public static String firewall(Facility facility, Blueprint blueprint) {
        return "firewall." + facility.name() + "." + blueprint.ethernet().name();
    }

    public static String node(Node node) {
        return "node." + node.name();
    }

    public static String publicAddress(Node node) {
        return "public." + node.name();
    }

    /** A provider-side name: the plan's name first, so that everything of a plan is found by prefix. */
    public static String providerName(String plan, String resource) {
        return (plan + "-" + resource).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    }
}
