package io.plumbery.engine.cluster;

import java.util.List;

/**
 * The cluster as its services answered just now; {@code information} shows it and deploy waits on it.
 * A service that did not answer is listed as such, never left out. {@code dns}: the masters' Mesos-DNS servers
 * (port 53 of their private addresses).
 */
public record ClusterStatus(String zookeeper, List<String> dns, List<MasterStatus> masters, String mesosLeader,
                            int agentsRegistered, int agentsExpected, double cpusFree, double memFreeMb,
                            String marathonLeader, List<AppStatus> apps) {

    /**
     * @param mesos    {@code leading}, {@code standby} (answers and redirects to the leader), or why it did
     *                 not answer
     * @param marathon {@code up} or why it did not answer
     */
    public record MasterStatus(String name, String mesosUrl, String marathonUrl, String mesos, String marathon,
                               String chronosUrl, String chronos) {
    }

    public record AppStatus(String id, int instances, int running, int healthy, int staged, String waiting) {
    }

    /** Every master answered, one leads, every agent is registered, Marathon has a leader. */
    public boolean ready() {
        return mesosLeader != null && marathonLeader != null && agentsRegistered >= agentsExpected
                && masters.stream().allMatch(m -> m.mesos().equals("leading") || m.mesos().equals("standby"));
    }
}
