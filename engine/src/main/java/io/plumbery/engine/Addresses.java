package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;

import java.util.Locale;

/**
 * The addresses under which resources are recorded in the state, and the names they get at a provider.
 * Blueprints that name the same ethernet of a facility share its network, wherever they are.
 */
public final class Addresses {

    private Addresses() {
    }

    /** {@code network.FACILITY.ETHERNET} of the facility that declares it: {@code EU6::front} is EU6's front. */
    public static String network(Facility facility, Blueprint blueprint) {
        return "network." + home(facility, blueprint);
    }

    public static String firewall(Facility facility, Blueprint blueprint) {
        return "firewall." + home(facility, blueprint);
    }

    private static String home(Facility facility, Blueprint blueprint) {
        String ethernet = blueprint.ethernet().name();
        int sep = ethernet.indexOf("::");
        return sep < 0 ? facility.name() + "." + ethernet : ethernet.substring(0, sep) + "." + ethernet.substring(sep + 2);
    }

    public static String node(Node node) {
        return "node." + node.name();
    }

    public static String publicAddress(Node node) {
        return "public." + node.name();
    }

    /** {@code balancer.FACILITY.BLUEPRINT.NAME}. */
    public static String balancer(Facility facility, Blueprint blueprint, io.plumbery.fittings.model.Balancer balancer) {
        return "balancer." + facility.name() + "." + blueprint.name() + "." + balancer.name();
    }

    /** A provider-side name: the plan's name first, so that everything of a plan is found by prefix. */
    public static String providerName(String plan, String resource) {
        return (plan + "-" + resource).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    }
}
