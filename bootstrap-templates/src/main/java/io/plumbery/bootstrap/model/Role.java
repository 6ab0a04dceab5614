package io.plumbery.bootstrap.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A service of the cluster-runtime that a node runs, one systemd unit each. Plans speak of node roles
 * ({@code mesos-master}, {@code mesos-agent}); {@link #fromPlanRole} maps them onto services.
 */
public enum Role {
    ZOOKEEPER("zookeeper", "plumbery-zookeeper"),
    MASTER("mesos-master", "plumbery-mesos-master"),
    MARATHON("marathon", "plumbery-marathon"),
    /** Chronos-compatible periodic jobs on every master, a framework beside Marathon. */
    CHRONOS("chronos", "plumbery-chronos"),
    /** Mesos-DNS-compatible service discovery on every master node. */
    MESOS_DNS("mesos-dns", "plumbery-mesos-dns"),
    AGENT("mesos-agent", "plumbery-mesos-agent");

    private final String service;
    private final String unitBase;

    Role(String service, String unitBase) {
        this.service = service;
        this.unitBase = unitBase;
    }

    /** Short service name, also the base of its env file: {@code /etc/plumbery/<service>.env}. */
    public String service() {
        return service;
    }

    /** The systemd unit name, e.g. {@code plumbery-zookeeper.service}. */
    public String unit() {
        return unitBase + ".service";
    }

    /**
     * Services a plan-level role stands for: {@code mesos-master} runs ZooKeeper, master, Marathon, Chronos and
     * Mesos-DNS (as a DC/OS master runs its job scheduler beside Marathon);
     * {@code mesos-agent} runs an agent; {@code zookeeper}, {@code marathon} name one service each.
     *
     * @throws IllegalArgumentException for a name that is none of these
     */
    public static Set<Role> fromPlanRole(String planRole) {
        String name = planRole == null ? "" : planRole.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "mesos-master" -> EnumSet.of(ZOOKEEPER, MASTER, MARATHON, CHRONOS, MESOS_DNS);
            case "mesos-agent" -> EnumSet.of(AGENT);
            case "zookeeper" -> EnumSet.of(ZOOKEEPER);
            case "marathon" -> EnumSet.of(MARATHON);
            default -> throw new IllegalArgumentException("unknown node role '" + planRole
                    + "'; known roles: mesos-master, mesos-agent, zookeeper, marathon");
        };
    }
}
