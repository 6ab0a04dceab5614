package io.plumbery.engine.cluster;

import java.util.List;
import java.util.Map;

/**
 * The cluster as its services answered just now; {@code information} shows it and deploy waits on it.
 * A service that did not answer is listed as such, never left out. {@code dns}: the masters' Mesos-DNS servers
 * (port 53 of their private addresses). {@code roles}: each role the leading master knows, with its weight, quota and
 * allocation (empty when no master leads).
 */
public record ClusterStatus(String zookeeper, List<String> dns, List<MasterStatus> masters, String mesosLeader,
                            int agentsRegistered, int agentsExpected, double cpusFree, double memFreeMb,
                            String marathonLeader, List<AppStatus> apps, List<RoleStatus> roles) {

    public ClusterStatus {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /**
     * @param mesos    {@code leading}, {@code standby} (answers and redirects to the leader), or why it did
     *                 not answer
     * @param marathon {@code up} or why it did not answer
     */
    public record MasterStatus(String name, String mesosUrl, String marathonUrl, String mesos, String marathon,
                               String chronosUrl, String chronos) {
    }

    /**
     * A role as the leading master has it ({@code /master/roles}).
     *
     * @param guarantee  its quota's guarantee, resource name to amount; empty for none
     * @param limit      its quota's limit; empty for none
     * @param allocated  what its frameworks hold now (offered or used)
     * @param frameworks the ids of the frameworks subscribed to it
     */
    public record RoleStatus(String name, double weight, Map<String, Double> guarantee, Map<String, Double> limit,
                             Map<String, Double> allocated, List<String> frameworks) {
    }

    public record AppStatus(String id, int instances, int running, int healthy, int staged, String waiting) {
    }

    /** Every master answered, one leads, every agent is registered, Marathon has a leader. */
    public boolean ready() {
        return mesosLeader != null && marathonLeader != null && agentsRegistered >= agentsExpected
                && masters.stream().allMatch(m -> m.mesos().equals("leading") || m.mesos().equals("standby"));
    }
}
