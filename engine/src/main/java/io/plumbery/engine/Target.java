package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;

/** What a planned change is about, with the plan parts the applier needs to carry it out. */
public sealed interface Target {

    Facility facility();

    record Network(Facility facility, Blueprint blueprint) implements Target {
    }

    record Firewall(Facility facility, Blueprint blueprint) implements Target {
    }

    record Machine(Facility facility, Blueprint blueprint, Node node) implements Target {
    }

    record PublicAddress(Facility facility, Blueprint blueprint, Node node) implements Target {
    }

    record Balancer(Facility facility, Blueprint blueprint, io.plumbery.fittings.model.Balancer balancer)
            implements Target {
    }

    /** An agent node of the running cluster to drain before it is destroyed (see {@link AgentDrains}). */
    record Drain(Facility facility, String address) implements Target {
    }

    /**
     * A role of the running cluster to set as {@code role} says: its weight and quota (see {@link ClusterRoles}); a
     * role the plan dropped comes back as Mesos's default, weight 1 and no quota.
     */
    record Role(Facility facility, io.plumbery.fittings.model.ClusterRole role) implements Target {
    }

    /** In the state, no longer in the plan. */
    record Orphan(Facility facility, String address) implements Target {
    }
}
