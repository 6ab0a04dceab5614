package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.BalancerRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.NodeReady;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.CloudInit;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.HostProvider;
import io.plumbery.providers.host.HostTools;
import io.plumbery.providers.host.Naming;
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.PlanRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code provider: local}: each node a systemd-nspawn container booted with its own systemd and
 * cloud-init on a Linux bridge of the plan, from a cached Debian image shared read-only through an
 * overlay. {@code provider: local-netns}: the same, but each node only sshd in its own namespaces (for
 * fast tests). Networks, firewalls and public addresses are in {@link PlanNetwork}; Debian's packages come
 * to the nodes through the host's {@link PackageProxy}, started by the first node that needs it.
 *
 * <p>Everything is found again from the plan's recorded names ({@link LocalNaming}) and the records under the state
 * directory ({@link PlanRecords}); the provider keeps nothing in memory between calls.
 */
public final class LocalProvider extends HostProvider {

    private final ProviderSettings settings;
    private final LocalOptions options;
    private final LocalNaming naming;
    private final PlanRecords store;
    private final Consumer<String> progress;
    private final Path nspawn;
    private final String kind;
    private final PlanNetwork network;
    private final LocalBalancers balancers;
    private final PackageProxy proxy = PackageProxy.shared();
    private volatile String overlaySupport;

    LocalProvider(ProviderSettings settings, LocalOptions options, Consumer<String> progress, String kind)
            throws ProviderException {
        this.settings = settings;
        this.kind = kind;
        this.options = options;
        Path records = Naming.recordsDir(options.stateDir(), settings.plan());
        this.naming = new LocalNaming(Naming.resolve(records, settings.plan(), options.stateDir()));
        this.store = new PlanRecords(records, "the local provider");
        this.progress = progress;
        this.network = new PlanNetwork(naming, store);
        this.balancers = new LocalBalancers(naming, store, network);
        LocalTools.ensure(options.installTools(), progress);
        this.nspawn = HostTools.find("systemd-nspawn").orElseThrow(() -> new ProviderException(
                "systemd-nspawn not found; install it with: apt-get install -y systemd-container"));
    }

    /** Opens the provider with systemd-nspawn nodes; checks the host (root, tools) first. */
    public static LocalProvider open(ProviderSettings settings) throws ProviderException {
        return open(settings, Machine.NSPAWN);
    }

    /** {@code kind}: {@code nspawn} (provider {@code local}) or {@code netns} (provider {@code local-netns}). */
    public static LocalProvider open(ProviderSettings settings, String kind) throws ProviderException {
        LocalOptions options = LocalOptions.from(settings);
        Consumer<String> progress = settings.progress("local", options.quiet(), LocalOptions.KEYS);
        return new LocalProvider(settings, options, progress, kind);
    }

    @Override
    public String name() {
        return kind.equals(Machine.NETNS) ? "local-netns" : "local";
    }

    LocalNaming naming() {
        return naming;
    }

    Path stateDir() {
        return store.dir();
    }

    /** Networks, firewalls and public addresses. */
    @Override
    protected PlanNetwork networks() {
        return network;
    }

    /** A balancer: a public address whose new connections go to the pool's live nodes ({@link LocalBalancers}). */
    @Override
    public BalancerRecord ensureBalancer(BalancerRequest request) throws ProviderException {
        return balancers.ensure(request);
    }

    @Override
    public void destroyBalancer(BalancerRecord balancer) throws ProviderException {
        balancers.destroy(balancer);
    }

    // ---------------------------------------------------------------- nodes

    @Override
    protected NodeRecord create(NodeRequest request, String userData) throws ProviderException {
        Machine machine = new Machine(store.nodeDir(request.name()));
        String what = "node " + request.name();
        store.locked(() -> machine.spec().isPresent() ? null : store.requireNetwork(request.network().name(), what));
        Path image = BaseImage.ensure(options.imageCache(), options.mirror(), progress);
        proxy.ensureRunning(BaseImage.mirrorOf(image, options.mirror()), progress);
        String mode = rootfsMode(image);
        Machine.Spec spec = store.locked(() -> {
            Optional<Machine.Spec> existing = machine.spec();
            if (existing.isPresent()) {
                return existing.get();
            }
            PlanRecords.NetworkSpec net = store.requireNetwork(request.network().name(), what);
            Machine.Spec created = new Machine.Spec(request.name(), net.name(), net.bridge(), net.subnet(),
                    allocateAddress(net), naming.machine(request.name()),
                    naming.machine(request.name()) + "-" + Instant.now().getEpochSecond(), request.cpu(),
                    request.memoryMb(), mode, image.toString(), naming.cgroup(request.name()), "", kind, request.image(),
                    request.disksGb());
            machine.writeSpec(created);
            return created;
        });
        try {
            if (!machine.running()) {
                machine.prepareDisk(spec);
                Subnet subnet = Subnet.parse(spec.subnet());
                machine.writeFirstBoot(spec, CloudInit.metaData(spec.name(), spec.instanceId()),
                        userData, subnet.prefix(),
                        settings.identity().user(), settings.identity().publicKey());
                spec = boot(machine, spec);
            }
        } catch (IOException e) {
            throw new ProviderException("creating node " + request.name() + ": " + e.getMessage(), false, e);
        }
        awaitReady(machine, spec);
        return nodeRecord(machine, spec, NodeStatus.RUNNING);
    }

    /** The first address of the network that no node of the plan has. Call locked. */
    private String allocateAddress(PlanRecords.NetworkSpec net) throws IOException, ProviderException {
        Set<String> used = Machine.addresses(store);
        store.balancers().forEach(b -> used.add(b.address())); // one the plan gave a balancer
        return AddressPlan.freeAddress(net, used);
    }

    private synchronized String rootfsMode(Path image) throws ProviderException {
        if (!options.rootfs().equals("auto")) {
            return options.rootfs();
        }
        if (overlaySupport == null) {
            overlaySupport = probeOverlay(image) ? Machine.OVERLAY : Machine.COPY;
            if (overlaySupport.equals(Machine.COPY)) {
                progress.accept("local: overlayfs is not usable here; each node gets a copy of the base image");
            }
        }
        return overlaySupport;
    }

    private boolean probeOverlay(Path image) throws ProviderException {
        Path probe = store.dir().resolve(".overlay-probe");
        try {
            Files.createDirectories(probe.resolve("upper"));
            Files.createDirectories(probe.resolve("work"));
            Files.createDirectories(probe.resolve("root"));
            List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
            command.addAll(Exec.shell("mount -t overlay overlay -o \"$1\" \"$2\" && test -f \"$2/etc/plumbery-image\"",
                    "lowerdir=" + image + ",upperdir=" + probe.resolve("upper") + ",workdir=" + probe.resolve("work"),
                    probe.resolve("root").toString()));
            return Exec.run(Duration.ofSeconds(30), command).ok();
        } catch (IOException e) {
            return false;
        } finally {
            Exec.run(Duration.ofSeconds(30), List.of("rm", "-rf", "--one-file-system", probe.toString()));
        }
    }

    /** Kills leftovers of an earlier run, applies limits, launches. */
    private Machine.Spec boot(Machine machine, Machine.Spec spec) throws ProviderException, IOException {
        machine.kill(spec);
        String limits = Cgroups.prepare(spec.cgroup(), spec.cpu(), spec.memoryMb(), options.limits());
        Machine.Spec updated = spec.withLimits(limits);
        machine.writeSpec(updated);
        if (!Bridges.linkExists(spec.bridge())) {
            throw new ProviderException("node " + spec.name() + ": bridge " + spec.bridge() + " of network "
                    + spec.network() + " is gone (ensureNetwork again first)");
        }
        machine.launch(updated, nspawn);
        return updated;
    }

    private void awaitReady(Machine machine, Machine.Spec spec) throws ProviderException {
        new NodeReady(spec.name(), spec.address(), 22, settings.identity(), () -> machine.hostKeys(spec),
                () -> Exec.tailOf(machine.console(), 25)).await(spec.netns() ? "true" : CloudInitBoot.READY_CHECK,
                options.bootTimeout(), ProviderException::new);
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        return withNode(node.name(), () -> start(node));
    }

    private NodeRecord start(NodeRecord node) throws ProviderException {
        Machine machine = new Machine(store.nodeDir(node.name()));
        Machine.Spec spec = existingSpec(machine, node.name(), "start");
        proxy.ensureRunning(BaseImage.mirrorOf(Path.of(spec.image()), options.mirror()), progress);
        if (!machine.running()) {
            try {
                spec = boot(machine, spec);
            } catch (IOException e) {
                throw new ProviderException("starting node " + node.name() + ": " + e.getMessage(), false, e);
            }
        }
        awaitReady(machine, spec);
        return nodeRecord(machine, spec, NodeStatus.RUNNING);
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        return withNode(node.name(), () -> stop(node));
    }

    private NodeRecord stop(NodeRecord node) throws ProviderException {
        Machine machine = new Machine(store.nodeDir(node.name()));
        Machine.Spec spec = existingSpec(machine, node.name(), "stop");
        machine.stop(spec, spec.netns() ? Duration.ofSeconds(2) : options.stopTimeout());
        return nodeRecord(machine, spec, NodeStatus.STOPPED);
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        withNode(node.name(), () -> {
            destroy(node);
            return null;
        });
    }

    private void destroy(NodeRecord node) throws ProviderException {
        Machine machine = new Machine(store.nodeDir(node.name()));
        if (!machine.exists()) {
            return;
        }
        try {
            Machine.Spec spec = machine.spec().orElse(null);
            if (spec == null) {
                Cgroups.killAll(naming.cgroup(node.name()));
                Cgroups.remove(naming.cgroup(node.name()));
            }
            machine.destroy(spec);
            store.locked(() -> {
                if (store.forgetPublicsOf(node.name())) {
                    network.applyRuleset();
                }
                store.removeIfEmpty();
                return null;
            });
            Cgroups.removeParents(naming.cgroupRoot());
        } catch (IOException e) {
            throw new ProviderException("destroying node " + node.name() + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        Machine machine = new Machine(store.nodeDir(node.name()));
        try {
            Optional<Machine.Spec> spec = machine.spec();
            if (spec.isEmpty()) {
                return node.withStatus(NodeStatus.GONE);
            }
            return nodeRecord(machine, spec.get(), machine.running() ? NodeStatus.RUNNING : NodeStatus.STOPPED);
        } catch (IOException e) {
            throw new ProviderException("reading node " + node.name() + ": " + e.getMessage(), false, e);
        }
    }

    private Machine.Spec existingSpec(Machine machine, String name, String verb) throws ProviderException {
        try {
            return machine.spec().orElseThrow(() -> new ProviderException("cannot " + verb + " node " + name
                    + ": it does not exist (any more) on this host"));
        } catch (IOException e) {
            throw new ProviderException("reading node " + name + ": " + e.getMessage(), false, e);
        }
    }

    private NodeRecord nodeRecord(Machine machine, Machine.Spec spec, NodeStatus status) throws ProviderException {
        String publicAddress;
        try {
            publicAddress = store.publicAddressOf(spec.name()).orElse(null);
        } catch (IOException e) {
            throw new ProviderException("reading public addresses: " + e.getMessage(), false, e);
        }
        List<String> keys = machine.hostKeys(spec);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", spec.kind());
        if (spec.netns()) {
            attributes.put("userData", "not applied: local-netns nodes run sshd only, without cloud-init");
        }
        attributes.put("machine", spec.machine());
        attributes.put("directory", machine.dir().toString());
        attributes.put("bridge", spec.bridge());
        attributes.put("cgroup", spec.cgroup());
        attributes.put("rootfs", spec.rootfsMode());
        attributes.put("image", spec.image());
        attributes.put("console", machine.console().toString());
        attributes.put("cpu", String.valueOf(spec.cpu()));
        attributes.put("memoryMb", String.valueOf(spec.memoryMb()));
        attributes.put("limits", spec.limits() == null || spec.limits().isEmpty() ? "not applied yet" : spec.limits());
        attributes.put("appliance", (spec.appliance() == null ? "" : spec.appliance() + ": ")
                + "the local provider boots Debian 12 (bookworm) for every appliance");
        if (!spec.disksGb().isEmpty()) {
            attributes.put("disks", "requested " + spec.disksGb() + " GB: not provided by the local provider "
                    + "(nodes have their system disk only)");
        }
        machine.launcherPid().ifPresent(pid -> attributes.put("pid", String.valueOf(pid)));
        return new NodeRecord(spec.machine(), spec.name(), spec.network(), status, spec.address(), publicAddress,
                new SshEndpoint(spec.address(), 22, settings.identity().user(), keys.isEmpty() ? null : keys.get(0)),
                attributes);
    }

    @Override
    protected Path nodeDir(String node) {
        return store.nodeDir(node);
    }

    // ---------------------------------------------------------------- crash clean-up

    /**
     * Removes everything of this plan from the host, whatever the records say: nodes (processes, cgroups,
     * directories), the balancers' health probes, the nft table, the plan's bridges and the unreachable routes of
     * its recorded networks.
     */
    @Override
    public void purge() throws ProviderException {
        try {
            for (String node : store.nodeNames()) {
                destroyNode(new NodeRecord(null, node, null, NodeStatus.PENDING, null, null, null, null));
            }
            for (Path cgroup : Cgroups.dirs(naming.cgroupRoot())) {
                if (Files.isDirectory(cgroup)) {
                    try (var children = Files.list(cgroup)) {
                        for (Path child : children.filter(Files::isDirectory).toList()) {
                            String rel = naming.cgroupRoot() + "/" + child.getFileName();
                            Cgroups.killAll(rel);
                            Cgroups.remove(rel);
                        }
                    }
                }
            }
            Cgroups.removeParents(naming.cgroupRoot());
            balancers.stopAll();
            store.locked(() -> {
                Bridges.applyNft(NftRuleset.deleteScript(naming.nftTable()));
                Bridges.syncRoutedAccepts(naming.acceptTag(), List.of());
                for (String bridge : Bridges.links(naming.bridgePrefix())) {
                    Bridges.deleteBridge(bridge);
                }
                for (PlanRecords.NetworkSpec n : store.networks()) {
                    HostNetwork.removeUnreachableRoute(Subnet.parse(n.subnet()));
                }
                return null;
            });
            Mounts.unmountUnder(store.dir());
            Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", store.dir().toString()));
        } catch (IOException e) {
            throw new ProviderException("purging plan " + naming.plan() + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        // nothing held between calls: nodes run detached from this process
    }
}
