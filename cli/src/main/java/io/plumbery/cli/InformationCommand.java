package io.plumbery.cli;

import io.plumbery.cli.cluster.ClusterLayout;
import io.plumbery.cli.cluster.ClusterProbe;
import io.plumbery.cli.cluster.ClusterStatus;
import io.plumbery.cli.engine.Addresses;
import io.plumbery.cli.engine.NodeValues;
import io.plumbery.cli.engine.ProviderPool;
import io.plumbery.cli.engine.Secrets;
import io.plumbery.cli.engine.Selection;
import io.plumbery.cli.engine.Workspace;
import io.plumbery.cli.view.InformationView;
import io.plumbery.cli.view.Json;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.placeholder.Placeholders;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.Providers;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "information", aliases = "info", mixinStandardHelpOptions = true,
        description = {"Shows each blueprint and node: status, private and public address, how to reach it over SSH, "
                + "and the plan's information lines with their values filled in.",
                "Reads the state without locking it, and asks the providers for each node's current status."})
final class InformationCommand extends ActionCommand {

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--offline", description = "show the recorded status; do not ask the providers")
    boolean offline;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        Workspace workspace = Workspace.of(plan, root.stateDir);
        State state = StateStore.peek(workspace.stateFile(), plan.name());
        List<String> notes = new ArrayList<>();
        if (state.isEmpty()) {
            notes.add("nothing is deployed for this plan yet: run 'plumbery " + root.fittings + " deploy'");
        }
        SshIdentity identity = state.isEmpty() ? null : SshKeys.ensure(workspace.dir());
        Secrets secrets = Secrets.in(workspace.dir());
        List<InformationView.BlueprintView> blueprints = new ArrayList<>();
        try (ProviderPool providers = identity == null ? null
                : new ProviderPool(Providers.discover(), plan, workspace.dir(), identity)) {
            for (Facility f : plan.facilities()) {
                for (Blueprint b : f.blueprints()) {
                    if (b.isGroup() || !selection.includes(f, b)) {
                        continue;
                    }
                    List<InformationView.NodeView> nodes = new ArrayList<>();
                    for (Node n : b.nodes()) {
                        nodes.add(node(n, state, providers, identity, secrets, workspace, notes));
                    }
                    Placed<NetworkRecord> net = b.ethernet() == null ? null
                            : state.networks().get(Addresses.network(f, b));
                    String network = b.ethernet() == null ? null
                            : b.ethernet().name() + " " + (net == null ? b.ethernet().subnet() : net.record().subnet());
                    blueprints.add(new InformationView.BlueprintView(b.name(), f.name(), f.provider(), network, nodes));
                }
            }
        }
        ClusterStatus cluster = null;
        ClusterLayout layout = ClusterLayout.of(plan, state);
        if (!layout.isEmpty()) {
            if (offline) {
                notes.add("cluster endpoints not checked (--offline)");
            } else if (!ClusterLayout.reachable(state)) {
                notes.add("cluster endpoints not checked: the nodes of this provider are not reachable from here");
            } else {
                cluster = new ClusterProbe().probe(layout);
            }
        }
        InformationView view = new InformationView(plan.name(), String.valueOf(plan.source()),
                String.valueOf(workspace.stateFile()), blueprints, cluster, notes);
        if (json) {
            out().println(Json.write(view));
        } else {
            view.print(out());
        }
        return ExitCodes.OK;
    }

    private InformationView.NodeView node(Node n, State state, ProviderPool providers, SshIdentity identity,
                                          Secrets secrets, Workspace workspace, List<String> notes) {
        Placed<NodeRecord> placed = state.nodes().get(Addresses.node(n));
        if (placed == null) {
            return new InformationView.NodeView(n.name(), "NOT_BUILT", null, null, null, List.of());
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
        return new InformationView.NodeView(n.name(), String.valueOf(record.status()), record.privateAddress(),
                record.publicAddress(), ssh, information);
    }
}
