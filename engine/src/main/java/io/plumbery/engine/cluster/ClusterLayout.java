package io.plumbery.engine.cluster;

import io.plumbery.engine.Addresses;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRecord;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the cluster's services are, from the plan's roles and the built addresses: masters run
 * ZooKeeper (2181), the master (5050), Marathon (8080) and Chronos (4400); agents run an agent (5051). A node with
 * both roles (a one-node cluster) is a member of both lists.
 *
 * @param apps the plan's Marathon apps, submitted by deploy
 */
public record ClusterLayout(List<Member> masters, List<Member> agents, List<Map<String, Object>> apps) {

    public static final int ZOOKEEPER_PORT = 2181;
    public static final int MASTER_PORT = 5050;
    public static final int MARATHON_PORT = 8080;
    public static final int CHRONOS_PORT = 4400;
    public static final int AGENT_PORT = 5051;
    /** Mesos-DNS's HTTP API, on each master's private address */
    public static final int DNS_HTTP_PORT = 8123;

    /**
     * A node of the cluster. {@code reachable} is the address this machine uses to talk to it: the public
     * address when there is one, else the private one.
     */
    public record Member(String name, String privateAddress, String publicAddress) {
        public String reachable() {
            return publicAddress != null ? publicAddress : privateAddress;
        }
    }

    public static ClusterLayout of(Plan plan, State state) {
        List<Member> masters = new ArrayList<>();
        List<Member> agents = new ArrayList<>();
        for (Node n : plan.nodes().toList()) {
            Placed<NodeRecord> placed = state.nodes().get(Addresses.node(n));
            if (placed == null || placed.record().privateAddress() == null) {
                continue;
            }
            Member m = new Member(n.name(), placed.record().privateAddress(), placed.record().publicAddress());
            if (n.roles().contains("mesos-master")) {
                masters.add(m);
            }
            if (n.roles().contains("mesos-agent")) {
                agents.add(m);
            }
        }
        List<Map<String, Object>> apps = plan.facilities().stream().flatMap(f -> f.apps().stream()).toList();
        return new ClusterLayout(masters, agents, apps);
    }

    public boolean isEmpty() {
        return masters.isEmpty();
    }

    /**
     * Whether this machine can talk to the plan's nodes: a provider that gives no SSH endpoint (the in-memory
     * stub) built nothing real, and its invented addresses must never be contacted.
     */
    public static boolean reachable(State state) {
        return state.nodes().values().stream().allMatch(n -> n.record().ssh() != null);
    }

    /** {@code zk://10.77.9.2:2181,10.77.9.3:2181,10.77.9.4:2181/mesos}: what Mesos tools and frameworks use. */
    public String zookeeper(String path) {
        return "zk://" + masters.stream().map(m -> m.privateAddress() + ":" + ZOOKEEPER_PORT)
                .collect(Collectors.joining(",")) + path;
    }

    /** The cluster's APIs speak HTTPS with the plan's certificates (see {@code NodeCertificates}). */
    public static String mesosUrl(Member m) {
        return "https://" + m.reachable() + ":" + MASTER_PORT + "/";
    }

    public static String marathonUrl(Member m) {
        return "https://" + m.reachable() + ":" + MARATHON_PORT + "/";
    }

    public static String chronosUrl(Member m) {
        return "https://" + m.reachable() + ":" + CHRONOS_PORT + "/";
    }
}
