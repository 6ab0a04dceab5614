package io.plumbery.bootstrap.model;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The input of the bootstrap stage: every node of the plan (in plan order), the plan-wide
 * {@code cloud-config} block, the cluster-runtime jar to ship, and the cluster's credentials.
 *
 * @param targets         the nodes to bootstrap, by name; empty for all. The others still shape what is rendered
 *                        (/etc/hosts, the ZooKeeper ensemble), so bootstrapping only the agents keeps their
 *                        masters in their settings.
 * @param credentials     the plan's principals and ZooKeeper identity, written to the nodes' secret files
 * @param foreignMachines nodes on machines that the plan does not own (bring your own nodes): their sshd
 *                        configuration stays their owner's, whose own login the plan must not lock out
 * @param tls             the cluster's authority and node certificates; null: the services speak plain HTTP
 */
public record BootstrapPlan(String planName, List<BootstrapNode> nodes, Map<String, Object> globalCloudConfig,
                            Path runtimeArtifact, Set<String> targets, ClusterCredentials credentials,
                            Set<String> foreignMachines, ClusterTls tls) {

    public BootstrapPlan(String planName, List<BootstrapNode> nodes, Map<String, Object> globalCloudConfig,
                         Path runtimeArtifact, ClusterCredentials credentials) {
        this(planName, nodes, globalCloudConfig, runtimeArtifact, Set.of(), credentials, Set.of(), null);
    }

    public BootstrapPlan(String planName, List<BootstrapNode> nodes, Map<String, Object> globalCloudConfig,
                         Path runtimeArtifact, Set<String> targets, ClusterCredentials credentials,
                         Set<String> foreignMachines) {
        this(planName, nodes, globalCloudConfig, runtimeArtifact, targets, credentials, foreignMachines, null);
    }

    public BootstrapPlan {
        targets = targets == null ? Set.of() : Set.copyOf(targets);
        foreignMachines = foreignMachines == null ? Set.of() : Set.copyOf(foreignMachines);
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(credentials, "credentials");
        nodes = List.copyOf(nodes);
        globalCloudConfig = globalCloudConfig == null ? Map.of() : globalCloudConfig;
        Set<String> wanted = targets;
        if (runtimeArtifact == null && nodes.stream()
                .anyMatch(n -> (wanted.isEmpty() || wanted.contains(n.name())) && !n.roles().isEmpty())) {
            throw new IllegalArgumentException("plan " + planName + " has cluster roles but no runtime artifact to install");
        }
        Set<String> names = new HashSet<>();
        for (BootstrapNode node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("node name '" + node.name() + "' appears twice in plan " + planName);
            }
        }
    }

    /** The nodes to bootstrap, in plan order. */
    public List<BootstrapNode> targetNodes() {
        return targets.isEmpty() ? nodes : nodes.stream().filter(n -> targets.contains(n.name())).toList();
    }

    /** Nodes running ZooKeeper, in plan order; the position + 1 is each one's ZooKeeper id. */
    public List<BootstrapNode> zookeepers() {
        return nodes.stream().filter(n -> n.has(Role.ZOOKEEPER)).toList();
    }

    /** Whether the bootstrap writes the node's sshd settings (keys only, no root, the login user alone). */
    public boolean hardensSsh(BootstrapNode node) {
        return !foreignMachines.contains(node.name());
    }

    /** Nodes running a master, in plan order. */
    public List<BootstrapNode> masters() {
        return nodes.stream().filter(n -> n.has(Role.MASTER)).toList();
    }
}
