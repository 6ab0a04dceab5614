package io.plumbery.fittings.model;

import java.util.List;
import java.util.Optional;

/**
 * The plan's {@code cluster:} section: what deploy sets on the running cluster itself, through the leading master's
 * operator API, once the nodes are up. Today its roles, with their weights and quota.
 */
public record ClusterSettings(List<ClusterRole> roles) {

    /** A plan without a {@code cluster:} section: nothing is set, nothing the operator set is touched. */
    public static final ClusterSettings NONE = new ClusterSettings(List.of());

    public ClusterSettings {
        roles = List.copyOf(roles);
    }

    public Optional<ClusterRole> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
