package io.plumbery.providers.jclouds.ec2;

import java.util.Map;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;

/**
 * How plumbery marks what it makes on EC2, so that it is found again after a crash and only it is ever deleted:
 * every resource carries the plan's name and its own address in the plan ({@code network/NAME},
 * {@code node/NAME}...), and a {@code Name} for people in the console.
 */
final class Ec2Tags {

    static final String PLAN = "plumbery:plan";
    static final String RESOURCE = "plumbery:resource";
    static final String NAME = "Name";

    private final String plan;

    Ec2Tags(String plan) {
        this.plan = plan;
    }

    /** The tags of one resource, e.g. {@code ("network", "web")}. */
    Map<String, String> of(String kind, String name) {
        return Map.of(PLAN, plan, RESOURCE, kind + "/" + name, NAME, plan + "-" + name);
    }

    /** The describe filter that finds that resource again. */
    Multimap<String, String> filter(String kind, String name) {
        return ImmutableMultimap.of("tag:" + PLAN, plan, "tag:" + RESOURCE, kind + "/" + name);
    }

    /** Whether tags (as a describe returns them) mark this resource of this plan. */
    boolean marks(Map<String, String> tags, String kind, String name) {
        return tags != null && plan.equals(tags.get(PLAN)) && (kind + "/" + name).equals(tags.get(RESOURCE));
    }
}
