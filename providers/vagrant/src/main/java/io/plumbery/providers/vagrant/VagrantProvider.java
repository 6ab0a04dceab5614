package io.plumbery.providers.vagrant;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.NodeReady;
import io.plumbery.net.Subnet;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.CloudInit;
import io.plumbery.providers.host.HostProvider;
import io.plumbery.providers.host.Naming;
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.PlanRecords;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code provider: vagrant}: each node a machine of Vagrant's docker provider in the plan's Vagrant project
 * ({@link PlanDir}, {@link Vagrantfile}), booting systemd and cloud-init from an image imported offline
 * from the host providers' Debian tree ({@link NodeImage}), on an internal Docker network of the plan
 * ({@link PlanNetworks}). Vagrant creates, starts, stops and destroys machines; plumbery makes the network,
 * the NoCloud seed and the SSH host key, and checks readiness over SSH itself. Debian's packages come to the
 * nodes through the host's {@link PackageProxy}, started by the first node that needs it.
 */
public final class VagrantProvider extends HostProvider {

    private final ProviderSettings settings;
    private final VagrantOptions options;
    private final VagrantNaming naming;
    private final PlanDir dir;
    private final PlanRecords records;
    private final Docker docker;
    private final VagrantCli vagrant;
    private final PlanNetworks networks;
    private final Consumer<String> progress;
    private final PackageProxy proxy = PackageProxy.shared();

    private VagrantProvider(ProviderSettings settings, VagrantOptions options, VagrantTools.Found tools,
                            Consumer<String> progress) throws ProviderException {
        this.settings = settings;
        this.options = options;
        Path project = Naming.recordsDir(options.stateDir(), settings.plan());
        this.naming = new VagrantNaming(Naming.resolve(project, settings.plan(), options.stateDir()));
        this.dir = new PlanDir(project);
        this.records = dir.records();
        this.docker = new Docker(tools.docker().toString());
        this.vagrant = new VagrantCli(tools.vagrant(), dir.dir(), options.vagrantTimeout());
        this.networks = new PlanNetworks(naming, dir, docker);
        this.progress = progress;
    }

    /** Checks the host (root, Vagrant, a Docker engine that answers) and opens the provider. */
    public static VagrantProvider open(ProviderSettings settings) throws ProviderException {
        VagrantOptions options = VagrantOptions.from(settings);
        Consumer<String> progress = settings.progress("vagrant", options.quiet(), VagrantOptions.KEYS);
        VagrantTools.Found tools = VagrantTools.require();
        PackageProxy.ensureInstalled("vagrant", true, progress);
        VagrantProvider provider = new VagrantProvider(settings, options, tools, progress);
        provider.docker.checkEngine();
        return provider;
    }

    @Override
    public String name() {
        return "vagrant";
    }

    VagrantNaming naming() {
        return naming;
    }

    Path projectDir() {
        return dir.dir();
    }

    /** Docker networks, firewall chains and public addresses. */
    @Override
    protected PlanNetworks networks() {
        return networks;
    }

    // ---------------------------------------------------------------- nodes

    @Override
    protected NodeRecord create(NodeRequest request, String userData) throws ProviderException {
        String name = request.name();
        String network = request.network().name();
        boolean recorded = records.locked(() -> dir.machine(name).isPresent());
        if (!recorded) {
            records.locked(() -> records.requireNetwork(network, "node " + name));
        }
        String image = NodeImage.ensure(docker, options.imageCache(), options.mirror(), progress);
        ensureProxy();
        Optional<String> found = docker.containerState(naming.container(name));
        // a container Vagrant never recorded (killed between docker run and writing the machine's id) would
        // make 'vagrant up' try to create it again; asked only then, since 'vagrant status' costs 2 s
        boolean orphan = found.isPresent() && recorded && "not_created".equals(vagrant.states(Duration.ZERO).get(name));
        Optional<String> state = orphan ? Optional.empty() : found;
        PlanDir.MachineSpec spec = records.locked(() -> {
            Optional<PlanDir.MachineSpec> existing = dir.machine(name);
            if (existing.isPresent() && state.isPresent()) {
                return existing.get(); // made before: Vagrant starts it if it is stopped
            }
            if (found.isPresent()) {
                docker.removeContainer(naming.container(name)); // ours (by name) but not Vagrant's or not recorded
            }
            PlanDir.MachineSpec s = existing.isPresent() ? withImage(existing.get(), image) : newMachine(request, image);
            dir.putMachine(s);
            String gateway = AddressPlan.hostAddress(Subnet.parse(records.requireNetwork(s.network(), "node " + name)
                    .subnet()));
            NodeFiles.writeFirstBoot(dir.nodeDir(name), name, CloudInit.metaData(name, s.instanceId()), userData,
                    gateway);
            renderVagrantfile();
            return s;
        });
        if (state.filter("running"::equals).isEmpty()) {
            up(spec);
        }
        awaitReady(spec);
        return nodeRecord(spec, NodeStatus.RUNNING);
    }

    /** A new node's record: the next free address of its network. Call locked. */
    private PlanDir.MachineSpec newMachine(NodeRequest request, String image) throws IOException, ProviderException {
        String name = request.name();
        String network = request.network().name();
        PlanRecords.NetworkSpec net = records.requireNetwork(network, "node " + name);
        return new PlanDir.MachineSpec(name, net.name(), naming.dockerNetwork(net.name()), allocateAddress(net),
                naming.container(name), naming.container(name) + "-" + Instant.now().getEpochSecond(),
                request.cpu(), request.memoryMb(), image, request.image(), request.disksGb());
    }

    private static PlanDir.MachineSpec withImage(PlanDir.MachineSpec s, String image) {
        return new PlanDir.MachineSpec(s.name(), s.network(), s.dockerNetwork(), s.address(), s.container(),
                s.instanceId(), s.cpu(), s.memoryMb(), image, s.appliance(), s.disksGb());
    }

    /** The host's package proxy, allowing the mirror the nodes' image names. */
    private void ensureProxy() throws ProviderException {
        proxy.ensureRunning(BaseImage.mirrorOf(options.imageCache().resolve(BaseImage.hash()), options.mirror()),
                progress);
    }

    /** The first address of the network that no node of the plan has. Call locked. */
    private String allocateAddress(PlanRecords.NetworkSpec net) throws IOException, ProviderException {
        Set<String> used = new HashSet<>();
        dir.machines().forEach(m -> used.add(m.address()));
        return AddressPlan.freeAddress(net, used);
    }

    /** Rewrites the Vagrantfile from the machine records. Call locked. */
    private void renderVagrantfile() throws IOException {
        List<Vagrantfile.Machine> machines = new ArrayList<>();
        for (PlanDir.MachineSpec m : dir.machines()) {
            machines.add(new Vagrantfile.Machine(m, dir.nodeDir(m.name())));
        }
        PlanDir.writeText(dir.vagrantfile(), Vagrantfile.render(naming.planKey(), machines,
                (int) options.stopTimeout().toSeconds(), hostCpus()));
    }

    /**
     * {@code vagrant up}, then a check that the container runs (rather than a wait for SSH that cannot
     * succeed); a failure shows the console when the container got that far.
     */
    private void up(PlanDir.MachineSpec spec) throws ProviderException {
        try {
            vagrant.up(spec.name());
        } catch (ProviderException e) {
            if (docker.containerState(spec.container()).isEmpty()) {
                throw e;
            }
            throw new ProviderException(e.getMessage() + "\nlast console lines of " + spec.container() + ":\n"
                    + docker.consoleTail(spec.container(), 15), e.retryable(), e);
        }
        Optional<String> state = docker.containerState(spec.container());
        if (state.filter("running"::equals).isEmpty()) {
            throw new ProviderException("vagrant up " + spec.name() + " finished but container " + spec.container()
                    + (state.isEmpty() ? " does not exist" : " is " + state.get() + "; last console lines:\n"
                    + docker.consoleTail(spec.container(), 15)), true, null);
        }
    }

    private void awaitReady(PlanDir.MachineSpec spec) throws ProviderException {
        Path nodeDir = dir.nodeDir(spec.name());
        new NodeReady(spec.name(), spec.address(), 22, settings.identity(),
                () -> NodeFiles.hostKey(nodeDir).map(List::of).orElse(List.of()),
                () -> docker.consoleTail(spec.container(), 25)).await("cloud-init status --wait --long",
                options.bootTimeout(), ProviderException::new);
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        return withNode(node.name(), () -> {
            PlanDir.MachineSpec spec = existing(node.name(), "start");
            ensureProxy();
            if (docker.containerState(spec.container()).filter("running"::equals).isEmpty()) {
                up(spec);
            }
            awaitReady(spec);
            return nodeRecord(spec, NodeStatus.RUNNING);
        });
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        return withNode(node.name(), () -> {
            PlanDir.MachineSpec spec = existing(node.name(), "stop");
            Optional<String> state = docker.containerState(spec.container());
            if (state.filter("running"::equals).isPresent()) {
                vagrant.halt(spec.name());
            }
            return nodeRecord(spec, state.isPresent() ? NodeStatus.STOPPED : NodeStatus.GONE);
        });
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        withNode(node.name(), () -> {
            destroy(node.name());
            return null;
        });
    }

    private void destroy(String name) throws ProviderException {
        Optional<PlanDir.MachineSpec> spec = records.locked(() -> dir.machine(name));
        if (spec.isPresent()) {
            vagrant.destroy(name);
        }
        // what Vagrant never recorded (killed between docker run and writing the machine's id) goes too
        for (String left : docker.containers(naming.planFilter())) {
            if (left.equals(naming.container(name))) {
                docker.removeContainer(left);
            }
        }
        records.locked(() -> {
            records.forgetPublicsOf(name);
            PlanDir.deleteTree(dir.nodeDir(name));
            renderVagrantfile();
            dir.removeIfEmpty();
            return null;
        });
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        Optional<PlanDir.MachineSpec> spec = records.locked(() -> dir.machine(node.name()));
        if (spec.isEmpty()) {
            return node.withStatus(NodeStatus.GONE);
        }
        NodeStatus status = NodeRecords.status(vagrant.states().get(node.name()));
        return status == NodeStatus.GONE ? node.withStatus(NodeStatus.GONE) : nodeRecord(spec.get(), status);
    }

    private PlanDir.MachineSpec existing(String name, String verb) throws ProviderException {
        return records.locked(() -> dir.machine(name)).orElseThrow(() -> new ProviderException("cannot " + verb
                + " node " + name + ": it does not exist (any more) in " + dir.dir()));
    }

    private NodeRecord nodeRecord(PlanDir.MachineSpec spec, NodeStatus status) throws ProviderException {
        String publicAddress = records.locked(() -> records.publicAddressOf(spec.name()).orElse(null));
        Path nodeDir = dir.nodeDir(spec.name());
        return NodeRecords.of(spec, status, publicAddress, new SshEndpoint(spec.address(), 22,
                settings.identity().user(), NodeFiles.hostKey(nodeDir).orElse(null)), dir.dir(), nodeDir, hostCpus());
    }

    private static int hostCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    protected Path nodeDir(String node) {
        return dir.nodeDir(node);
    }

    // ---------------------------------------------------------------- crash clean-up

    /**
     * Removes everything of this plan from the host, whatever the records say: machines, containers and
     * Docker networks with the plan's label, its iptables chains and rules, its directory; the unreachable routes
     * of its recorded networks go with them.
     */
    @Override
    public void purge() throws ProviderException {
        try {
            for (String node : records.locked(records::nodeNames)) {
                destroyNode(new NodeRecord(null, node, null, NodeStatus.PENDING, null, null, null, null));
            }
            for (String container : docker.containers(naming.planFilter())) {
                docker.removeContainer(container);
            }
            for (PlanRecords.NetworkSpec n : records.locked(records::networks)) {
                networks.destroyNetwork(new NetworkRecord(null, n.name(), n.subnet(), Map.of()));
            }
            for (String network : docker.networks(naming.planFilter())) {
                docker.removeNetwork(network);
            }
            for (String chain : Firewall.chains(naming.chainPrefix())) {
                Firewall.remove(chain, naming.bridgeOfChain(chain));
            }
            ProxyForward.removeAll(naming.bridgePrefix());
            records.locked(() -> {
                PlanDir.deleteTree(dir.dir());
                return null;
            });
        } catch (RuntimeException e) {
            throw new ProviderException("purging plan " + naming.plan() + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        // nothing held between calls: machines run in the Docker engine
    }
}
