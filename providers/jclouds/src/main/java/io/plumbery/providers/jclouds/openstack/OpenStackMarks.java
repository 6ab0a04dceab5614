package io.plumbery.providers.jclouds.openstack;

import java.util.Map;

/**
 * How plumbery marks what it makes on OpenStack, so that it is found again after a crash and only it is ever deleted.
 * jclouds 2.7.0's Neutron model has no tags and, for networks, subnets and routers, no description: those are found
 * by their name, which the engine makes from the plan ({@code PLAN-FACILITY-ETHERNET}). A security group's description
 * and a server's metadata say whose they are ({@code plumbery plan=PLAN resource=KIND/NAME};
 * {@code plumbery:plan}, {@code plumbery:resource}); one of the same name that says otherwise is someone else's.
 */
final class OpenStackMarks {

    static final String PLAN = "plumbery:plan";
    static final String RESOURCE = "plumbery:resource";

    private final String plan;

    OpenStackMarks(String plan) {
        this.plan = plan;
    }

    String description(String kind, String name) {
        return "plumbery plan=" + plan + " resource=" + kind + "/" + name;
    }

    Map<String, String> metadata(String kind, String name) {
        return Map.of(PLAN, plan, RESOURCE, kind + "/" + name);
    }

    boolean marks(Map<String, String> metadata, String kind, String name) {
        return metadata != null && plan.equals(metadata.get(PLAN)) && (kind + "/" + name).equals(metadata.get(RESOURCE));
    }

    /** A node's server: the plan's name and the node's, since a project holds the servers of many plans. */
    String server(String node) {
        return plan + "-" + node;
    }
}
