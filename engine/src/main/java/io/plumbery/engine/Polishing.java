package io.plumbery.engine;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.bootstrap.flow.BootstrapReport;
import io.plumbery.bootstrap.flow.BootstrapSettings;
import io.plumbery.bootstrap.flow.Bootstrapper;
import io.plumbery.bootstrap.flow.NodeReport;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.bootstrap.model.ClusterTls;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.engine.cloudconfig.CloudConfigWarnings;
import io.plumbery.engine.cloudconfig.NodeCloudConfig;
import io.plumbery.engine.cloudconfig.OfflinePackages;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code polish}: the bootstrap of built nodes over SSH, from the plan's node model plus what the build
 * learned (addresses, SSH endpoints). Node placeholders are resolved here, where their values exist; each node's
 * cloud-config is checked here (refused or warned about) and applied on the node by the bootstrap.
 */
public final class Polishing {

    private Polishing() {
    }

    public static Outcome polish(Session s, Selection selection, Progress progress, int parallel) {
        State state = s.store().current();
        // made by the plan's first polish, whatever its nodes answer, so that information can tell how to reach
        // the cluster from then on
        ClusterCredentials credentials = s.secrets().cluster();
        List<BootstrapNode> nodes = new ArrayList<>();
        Set<String> targets = new java.util.LinkedHashSet<>();
        Set<String> foreignMachines = new java.util.HashSet<>();
        List<Outcome.Failure> failures = new ArrayList<>();
        int skipped = 0;
        // every built node of the plan shapes what is rendered (/etc/hosts, the ZooKeeper ensemble);
        // only the selected ones are bootstrapped, and only they must be ready
        for (Facility f : s.plan().facilities()) {
            for (Blueprint b : f.blueprints()) {
                if (b.isGroup()) {
                    continue;
                }
                boolean selected = selection.includes(f, b);
                for (Node n : b.nodes()) {
                    String address = Addresses.node(n);
                    Placed<NodeRecord> placed = state.nodes().get(address);
                    if (placed == null || placed.record().status() != NodeStatus.RUNNING) {
                        if (selected) {
                            failures.add(new Outcome.Failure(address, placed == null ? "not built: run build first"
                                    : "is " + placed.record().status() + ": run start first"));
                        }
                        continue;
                    }
                    NodeRecord record = placed.record();
                    if (record.ssh() == null) {
                        if (selected) {
                            progress.finished(address, "polish skipped", "provider " + placed.provider()
                                    + " gives no SSH endpoint for it");
                            skipped++;
                        }
                        continue;
                    }
                    List<String> missing = new ArrayList<>();
                    Map<String, Object> cloudConfig = NodeCloudConfig.resolved(n,
                            new NodeValues(state, n.name(), s.secrets(), s.identity()), missing);
                    if (!missing.isEmpty()) {
                        if (selected) {
                            failures.add(new Outcome.Failure(address, "placeholders without a value: "
                                    + String.join(", ", missing.stream().distinct().toList())));
                        }
                        continue;
                    }
                    if (selected) {
                        CloudConfigDocument document = CloudConfigDocument.of(s.plan().name(), n.name(), cloudConfig);
                        Optional<String> refused = OfflinePackages.refusal(n.name(), f.provider(),
                                s.providers().packagesReachable(f.provider()), document);
                        if (refused.isPresent()) {
                            failures.add(new Outcome.Failure(address, refused.get()));
                            continue;
                        }
                        CloudConfigWarnings.of(document, s.identity().user())
                                .forEach(w -> progress.note("warning: node " + n.name() + ": " + w));
                    }
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    n.roles().forEach(r -> roles.addAll(Role.fromPlanRole(r)));
                    nodes.add(new BootstrapNode(n.name(), roles, record.privateAddress(), record.publicAddress(),
                            record.ssh(), cloudConfig, n.cpu().count(), Math.max(256, n.memoryGb() * 1024)));
                    if (s.providers().existingMachines(f.provider())) {
                        foreignMachines.add(n.name());
                    }
                    if (selected) {
                        targets.add(n.name());
                    }
                }
            }
        }
        if (!failures.isEmpty() || targets.isEmpty()) {
            return new Outcome(0, skipped, failures);
        }
        boolean cluster = nodes.stream().anyMatch(n -> targets.contains(n.name()) && !n.roles().isEmpty());
        Path runtime = cluster ? RuntimeArtifact.locate(s.workspace().dir()).orElse(null) : null;
        if (cluster && runtime == null) {
            return new Outcome(0, skipped, List.of(new Outcome.Failure("polish",
                    "this build of plumbery carries no cluster runtime to install; set PLUMBERY_RUNTIME_JAR")));
        }
        Bootstrapper bootstrapper = Bootstrapper.create(s.identity(), s.workspace().dir().resolve("known_hosts"),
                runtimeSettings(s.plan(), s.providers()), BootstrapSettings.defaults().withParallel(
                        parallel > 0 ? parallel : targets.size()));
        // every service speaks HTTPS with a certificate of the plan's own authority (made by the first polish)
        ClusterTls tls = cluster ? NodeCertificates.in(s.workspace().tlsDir(), s.plan().name()).cluster(nodes) : null;
        FirstUseHostKeys firstUse = FirstUseHostKeys.before(state, s.knownHosts());
        BootstrapReport report = bootstrapper.bootstrap(new BootstrapPlan(s.plan().name(), nodes, Map.of(), runtime,
                        targets, credentials, foreignMachines, tls),
                event -> {
                    String subject = "node." + event.node();
                    switch (event.status()) {
                        case STARTED -> progress.started(subject, event.step().label());
                        case RETRYING -> progress.finished(subject, event.step().label() + " retrying", event.detail());
                        case DONE -> progress.finished(subject, event.step().label(), event.detail());
                        case FAILED -> progress.failed(subject, event.step().label(), event.detail());
                    }
                });
        firstUse.report(s.store(), progress::note);
        int changed = 0;
        int unchanged = skipped;
        for (NodeReport node : report.nodes()) {
            if (node.unchanged()) {
                unchanged++;
            } else if (node.succeeded()) {
                changed++;
            }
            node.failure().ifPresent(fail -> failures.add(new Outcome.Failure("node." + node.node(), fail.describe())));
        }
        return new Outcome(changed, unchanged, failures);
    }

    /**
     * Nodes of a provider that declares them offline have no way to the internet: everything they run must
     * already be in their image, so the bootstrap installs no packages and sets no NTP servers.
     */
    static RuntimeSettings runtimeSettings(Plan plan, ProviderPool providers) {
        boolean offline = plan.facilities().stream().anyMatch(f -> providers.nodesOffline(f.provider()));
        return offline ? RuntimeSettings.defaults().withPackagesAndNtp(List.of(), List.of()) : RuntimeSettings.defaults();
    }
}
