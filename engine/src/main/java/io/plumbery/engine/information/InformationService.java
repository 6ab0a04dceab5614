package io.plumbery.engine.information;

import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.engine.Addresses;
import io.plumbery.engine.GlueNetworks;
import io.plumbery.engine.NodeValues;
import io.plumbery.engine.ProviderPool;
import io.plumbery.engine.Secrets;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Workspace;
import io.plumbery.engine.cloudconfig.NodeCloudConfig;
import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.engine.cluster.ClusterProbe;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.engine.cluster.ClusterStatus;
import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.Pool;
import io.plumbery.fittings.placeholder.Lookup;
import io.plumbery.fittings.placeholder.Placeholders;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.Providers;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what {@code information} shows: reads the state without locking it, asks the providers for each
 * node's current status (unless offline), fills in the plan's information lines, and asks the cluster's
 * services how they are. What cannot be checked becomes a note, never an error.
 */
public final class InformationService {

    private final Workspace workspace;
    private final State state;
    private final boolean offline;
    private final boolean showCloudConfig;
    private final boolean showCredentials;
    private final SshIdentity identity;
    private final Secrets secrets;
    private final List<String> notes = new ArrayList<>();

    private InformationService(Workspace workspace, State state, boolean offline, boolean showCloudConfig,
                               boolean showCredentials) {
        this.workspace = workspace;
        this.state = state;
        this.offline = offline;
        this.showCloudConfig = showCloudConfig;
        this.showCredentials = showCredentials;
        this.identity = state.isEmpty() ? null : SshKeys.ensure(workspace.dir());
        this.secrets = Secrets.in(workspace.dir());
    }

    /**
     * @param offline         show the recorded status and ask no provider or cluster service
     * @param showCloudConfig add each node's cloud-config as polish applies it, secrets masked
     * @param showCredentials add the cluster's principals with their secrets
     */
    public static Information gather(Plan plan, Selection selection, Path stateDir, boolean offline,
                                     boolean showCloudConfig, boolean showCredentials) throws StateException {
        Workspace workspace = Workspace.of(plan, stateDir);
        State state = StateStore.peek(workspace.stateFile(), plan.name());
        return new InformationService(workspace, state, offline, showCloudConfig, showCredentials)
                .gather(plan, selection);
    }

    private Information gather(Plan plan, Selection selection) {
        if (state.isEmpty()) {
            notes.add("nothing is deployed for this plan yet: run 'plumbery " + plan.source() + " deploy'");
        }
        List<Information.BlueprintInfo> blueprints = new ArrayList<>();
        try (ProviderPool providers = identity == null ? null
                : new ProviderPool(Providers.discover(), plan, workspace.dir(), identity)) {
            for (Facility f : plan.facilities()) {
                for (Blueprint b : f.blueprints()) {
                    if (b.isGroup() || !selection.includes(f, b)) {
                        continue;
                    }
                    List<Information.NodeInfo> nodes = new ArrayList<>();
                    for (Node n : b.nodes()) {
                        nodes.add(node(n, providers).withCloudConfig(showCloudConfig
                                ? NodeCloudConfig.shown(plan, n, state, identity) : null));
                    }
                    Placed<NetworkRecord> net = b.ethernet() == null ? null
                            : state.networks().get(Addresses.network(f, b));
                    String network = b.ethernet() == null ? null : b.ethernet().name() + " "
                            + (net != null && net.record().subnet() != null ? net.record().subnet()
                            : b.ethernet().subnet() != null ? b.ethernet().subnet() : "(the provider's own network)");
                    blueprints.add(new Information.BlueprintInfo(b.name(), f.name(), f.provider(), network, nodes,
                            b.balancers().stream().map(lb -> balancer(f, b, lb)).toList()));
                }
            }
        }
        notes.addAll(GlueNetworks.notApplied(plan, selection, Providers.discover().all()));
        ClusterLayout layout = ClusterLayout.of(plan, state);
        Optional<ClusterCredentials> credentials = layout.isEmpty() ? Optional.empty() : secrets.existingCluster();
        if (!layout.isEmpty() && credentials.isEmpty()) {
            notes.add("this cluster has no credentials of plumbery's: polish it to secure it with the plan's own");
        }
        ClusterStatus cluster = cluster(layout, credentials.map(ClusterCredentials::adminPrincipal).orElse(null));
        Information.Access access = credentials.isEmpty() ? null : ClusterAccess.of(plan.source(), layout,
                NodeCertificates.authorityFile(workspace.tlsDir()));
        List<Information.Credential> shown = null;
        if (showCredentials) {
            shown = credentials.map(ClusterAccess::credentials).orElse(List.of());
            if (credentials.isEmpty()) {
                notes.add("no credentials to show: the first deploy of a plan with a cluster makes them");
            }
        }
        return new Information(plan.name(), String.valueOf(plan.source()), String.valueOf(workspace.stateFile()),
                blueprints, cluster, access, shown, notes);
    }

    private Information.NodeInfo node(Node n, ProviderPool providers) {
        Placed<NodeRecord> placed = state.nodes().get(Addresses.node(n));
        if (placed == null) {
            return new Information.NodeInfo(n.name(), "NOT_BUILT", null, null, null, List.of());
        }
        NodeRecord record = placed.record();
        String limits = record.attributes().get("limits");
        if (limits != null && limits.startsWith("not enforced")) {
            String note = "cpu and memory of the plan are recorded but " + limits;
            if (!notes.contains(note)) {
                notes.add(note); // said once, not per node: it is a property of this host
            }
        }
        if (!offline && providers != null) {
            try {
                record = providers.get(placed.provider(), placed.facility()).refreshNode(record);
            } catch (ProviderException e) {
                notes.add(n.name() + ": the provider did not answer (" + e.getMessage() + "); showing the recorded status");
            }
        }
        List<String> missing = new ArrayList<>();
        NodeValues values = new NodeValues(state, n.name(), secrets, identity);
        List<String> information = n.information().stream()
                .map(line -> Placeholders.resolve(line, values, missing)).toList();
        String ssh = record.ssh() == null ? null : "ssh -i " + workspace.dir().resolve(SshKeys.PRIVATE_KEY_FILE)
                + " -o UserKnownHostsFile=" + workspace.dir().resolve("known_hosts")
                + (record.ssh().port() == 22 ? "" : " -p " + record.ssh().port())
                + " " + record.ssh().user() + "@" + record.ssh().host();
        return new Information.NodeInfo(n.name(), String.valueOf(record.status()), record.privateAddress(),
                record.publicAddress(), ssh, information);
    }

    /** A balancer as recorded, its information lines filled in with its address and port once it has them. */
    private Information.BalancerInfo balancer(Facility f, Blueprint b, Balancer lb) {
        Placed<BalancerRecord> placed = state.balancers().get(Addresses.balancer(f, b, lb));
        BalancerRecord built = placed == null || placed.record().id() == null ? null : placed.record();
        Lookup values = (scope, attribute) -> built == null || !scope.equals("balancer") ? Optional.empty()
                : Optional.of(attribute.equals("ip") ? built.address() : String.valueOf(built.port()));
        List<String> information = lb.information().stream()
                .map(line -> Placeholders.resolve(line, values, new ArrayList<>())).toList();
        String algorithm = b.pool() == null ? Pool.DEFAULT.algorithm().planName() : b.pool().algorithm().planName();
        return new Information.BalancerInfo(lb.name(), lb.protocolName(), algorithm,
                built == null ? null : built.address(), lb.port(),
                b.nodes().stream().map(Node::name).toList(), information);
    }

    /** The cluster's services as they answer now; null when the plan has no cluster or they were not asked. */
    private ClusterStatus cluster(ClusterLayout layout, ClusterCredentials.Principal admin) {
        if (layout.isEmpty()) {
            return null;
        }
        if (offline) {
            notes.add("cluster endpoints not checked (--offline)");
        } else if (!ClusterLayout.reachable(state)) {
            notes.add("cluster endpoints not checked: the nodes of this provider are not reachable from here");
        } else {
            return new ClusterProbe(admin, NodeCertificates.client(workspace.tlsDir())).probe(layout);
        }
        return null;
    }
}
