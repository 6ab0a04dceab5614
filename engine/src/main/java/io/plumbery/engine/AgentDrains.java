package io.plumbery.engine;

import io.plumbery.engine.cluster.AgentDrainer;
import io.plumbery.engine.cluster.LeaderOperator;
import io.plumbery.engine.cluster.ClusterHttp;
import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRecord;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Agents leave a running cluster drained: before deploy destroys an agent node that the plan no longer has, the
 * leading master drains it (its tasks killed within a grace period, Marathon launching replacements elsewhere), and
 * {@code drain}/{@code undrain} do the same for one agent of the plan without destroying it.
 */
public final class AgentDrains {

    /** The role of the nodes that run a Mesos agent (see the bootstrap's roles). */
    static final String AGENT_ROLE = "mesos-agent";
    /** Where a node's spec in the state keeps the roles it was built with: an orphan is no longer in the plan. */
    static final String ROLES = "roles";
    static final String STEP = "drain: Marathon moves its tasks elsewhere, then the node is destroyed";

    private AgentDrains() {
    }

    /** What the state records of a node next to its spec: its roles, so that deploy knows an agent once it left. */
    static Map<String, String> recorded(Node node) {
        Map<String, String> spec = new java.util.LinkedHashMap<>(NodeSpec.of(node));
        spec.put(ROLES, String.join(",", node.roles()));
        return spec;
    }

    /**
     * The drain step that comes before an orphan node is deleted, when it was an agent of a cluster that is up:
     * its masters are built and this machine reaches them.
     */
    static Optional<Planned> before(Plan plan, State state, String address) {
        Placed<NodeRecord> node = state.nodes().get(address);
        if (node == null || node.record().id() == null || !wasAgent(plan, node)) {
            return Optional.empty();
        }
        if (ClusterLayout.of(plan, state).isEmpty() || !ClusterLayout.reachable(state)) {
            return Optional.empty();
        }
        return Optional.of(new Planned(new Change(address, "drain", Action.UPDATE, STEP, null),
                new Target.Drain(null, address)));
    }

    /**
     * Whether the node ran an agent: as its spec records, or, for a node built before specs kept roles, when the plan
     * still has agents of the same name stem ({@code agent7} among {@code agent1..6}).
     */
    static boolean wasAgent(Plan plan, Placed<NodeRecord> node) {
        String roles = node.spec().get(ROLES);
        if (roles != null) {
            return List.of(roles.split(",")).contains(AGENT_ROLE);
        }
        String stem = stem(node.record().name());
        return plan.nodes().anyMatch(n -> n.roles().contains(AGENT_ROLE) && stem(n.name()).equals(stem));
    }

    private static String stem(String name) {
        return name == null ? "" : name.replaceFirst("[0-9]+$", "");
    }

    /**
     * Drains the agents of the planned drain steps, one after the other. With {@code force}, a cluster that no master
     * answers for does not stop deploy: the nodes are then destroyed without draining, as the user asked.
     */
    static List<Outcome.Failure> drainAll(Session s, List<String> addresses, Progress progress, boolean force) {
        List<Outcome.Failure> failures = new ArrayList<>();
        if (addresses.isEmpty()) {
            return failures;
        }
        AgentDrainer drainer = drainer(s, progress, AgentDrainer.Timing.DEFAULT);
        for (String address : addresses) {
            try {
                progress.started(address, "draining");
                if (!drainer.drain(address, hostnames(s.store().current().nodes().get(address)), true)) {
                    progress.finished(address, "not registered with the master", "nothing to drain");
                }
            } catch (LeaderOperator.NoLeader e) {
                if (force) {
                    progress.note(address + ": not drained (--force): " + e.getMessage());
                    continue;
                }
                failures.add(new Outcome.Failure(address, "cannot drain it before destroying it, " + e.getMessage()
                        + "; the node is left in place. If the cluster is down for good, 'deploy --force' destroys"
                        + " it without draining"));
            } catch (IOException e) {
                failures.add(new Outcome.Failure(address, e.getMessage() + "; the node is left in place, the next"
                        + " deploy tries again"));
            }
            if (!failures.isEmpty()) {
                progress.failed(address, "drain", failures.get(failures.size() - 1).reason());
                break;
            }
        }
        return failures;
    }

    /** Drains one agent of the plan and leaves it there, deactivated, until {@link #undrain}. */
    public static Outcome drain(Session s, String nodeName, Progress progress) {
        return onAgent(s, nodeName, progress, true);
    }

    /** Reactivates one drained agent of the plan: it gets offers again. */
    public static Outcome undrain(Session s, String nodeName, Progress progress) {
        return onAgent(s, nodeName, progress, false);
    }

    /** Why {@code nodeName} is not an agent of the plan, naming the plan's agents; empty when it is one. */
    public static Optional<String> notAnAgent(Plan plan, String nodeName) {
        Optional<Node> node = plan.node(nodeName);
        if (node.isPresent() && node.get().roles().contains(AGENT_ROLE)) {
            return Optional.empty();
        }
        List<String> agents = plan.nodes().filter(n -> n.roles().contains(AGENT_ROLE)).map(Node::name).toList();
        return Optional.of((node.isEmpty() ? "no node named " + nodeName + " in plan " + plan.name()
                : "node " + nodeName + " is not an agent (roles: " + (node.get().roles().isEmpty() ? "none"
                : String.join(", ", node.get().roles())) + ")") + "; the plan's agents: "
                + (agents.isEmpty() ? "none" : String.join(", ", agents)));
    }

    /** Why the cluster cannot be asked about the agent: not built, no master, not reachable from here. */
    private static Optional<String> unreachable(Plan plan, State state, String address) {
        Placed<NodeRecord> built = state.nodes().get(address);
        if (built == null || built.record().id() == null) {
            return Optional.of("node " + nameOf(address) + " is not built: 'deploy' builds it");
        }
        if (ClusterLayout.of(plan, state).isEmpty()) {
            return Optional.of("no master of plan " + plan.name() + " is built: 'deploy' builds the cluster");
        }
        if (!ClusterLayout.reachable(state)) {
            return Optional.of("the plan's nodes are not reachable from here (their provider gives no SSH endpoint)");
        }
        return Optional.empty();
    }

    private static String nameOf(String address) {
        return address.replaceFirst("^node\\.", "");
    }

    private static Outcome onAgent(Session s, String nodeName, Progress progress, boolean drain) {
        String address = Addresses.node(s.plan().node(nodeName).orElseThrow());
        Optional<String> unreachable = unreachable(s.plan(), s.store().current(), address);
        if (unreachable.isPresent()) {
            progress.failed(address, drain ? "drain" : "undrain", unreachable.get());
            return new Outcome(0, 0, List.of(new Outcome.Failure(address, unreachable.get())));
        }
        Placed<NodeRecord> node = s.store().current().nodes().get(address);
        try {
            progress.started(address, drain ? "draining" : "reactivating");
            AgentDrainer drainer = drainer(s, progress, AgentDrainer.Timing.DEFAULT);
            boolean found = drain ? drainer.drain(address, hostnames(node), false) : drainer.undrain(address, hostnames(node));
            if (!found) {
                throw new IOException("node " + nodeName + " is not registered with the master as an agent (hostname "
                        + String.join(" or ", hostnames(node)) + ")");
            }
            return new Outcome(1, 0, List.of());
        } catch (IOException e) {
            progress.failed(address, drain ? "drain" : "undrain", e.getMessage());
            return new Outcome(0, 0, List.of(new Outcome.Failure(address, e.getMessage())));
        }
    }

    /** An agent registers under its node's name (the bootstrap's {@code --hostname}), else under its address. */
    private static Set<String> hostnames(Placed<NodeRecord> node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        names.add(node.record().name());
        if (node.record().privateAddress() != null) {
            names.add(node.record().privateAddress());
        }
        return names;
    }

    private static AgentDrainer drainer(Session s, Progress progress, AgentDrainer.Timing timing) {
        ClusterLayout layout = ClusterLayout.of(s.plan(), s.store().current());
        ClusterHttp http = new ClusterHttp(s.secrets().cluster().adminPrincipal(),
                NodeCertificates.client(s.workspace().tlsDir()));
        return new AgentDrainer(http, layout.masters().stream().map(ClusterLayout::mesosUrl).toList(), progress,
                timing);
    }
}
