package io.plumbery.providers.byon;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.node.ssh.NodeSession;
import io.plumbery.node.ssh.Shell;
import io.plumbery.node.ssh.SshConnector;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshException;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code provider: byon}: nodes are machines that exist already. Creating a node prepares its machine (the plan's
 * login user, key and sudo), after checking that it can be reached, runs systemd, and is as big as the plan asks;
 * destroying it removes what plumbery put there; the machine itself is never stopped or deleted. Networks,
 * firewalls and public addresses are the machines' own: recorded, never changed.
 */
final class ByonProvider implements Provider {

    static final Set<String> OPTIONS = Set.of("location", "hosts", "sshConfig", "strict", "serviceUser");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final ProviderSettings settings;
    private final HostList hosts;
    private final boolean strict;
    private final KnownHosts knownHosts;
    private final String tag;
    private final String serviceUser;
    private final Consumer<String> progress;

    private ByonProvider(ProviderSettings settings, HostList hosts, boolean strict, Consumer<String> progress)
            throws ProviderException {
        this.settings = settings;
        this.hosts = hosts;
        this.strict = strict;
        this.progress = progress;
        this.knownHosts = new KnownHosts(settings.workDir().resolve("byon_known_hosts"));
        this.tag = settings.plan() + "-" + shortHash(settings.workDir().toAbsolutePath().normalize().toString());
        this.serviceUser = settings.option("serviceUser").orElse("plumbery");
    }

    static ByonProvider open(ProviderSettings settings) throws ProviderException {
        Optional<Path> list = settings.file("hosts");
        Optional<Path> sshConfig = settings.file("sshConfig");
        if (list.isPresent() == sshConfig.isPresent()) {
            throw new ProviderException("provider byon needs exactly one of providerSettings 'hosts' (a YAML list of "
                    + "machines) or 'sshConfig' (the output of 'vagrant ssh-config'), relative to the plan's folder");
        }
        Consumer<String> progress = settings.progress("byon", false, OPTIONS);
        HostList hosts = HostList.read(list.or(() -> sshConfig).orElseThrow(), sshConfig.isPresent());
        return new ByonProvider(settings, hosts, settings.flag("strict", false), progress);
    }

    @Override
    public String name() {
        return "byon";
    }

    // ------------------------------------------------------------ networks, firewalls, addresses: recorded only

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) {
        return new NetworkRecord("byon:" + request.name(), request.name(), request.subnet(),
                Map.of("managed", "no: the machines' own network"));
    }

    @Override
    public void destroyNetwork(NetworkRecord network) {
        // never made, never removed
    }

    /**
     * The machines belong to their owner, and so does their firewall: a plan's rules are recorded as not enforced
     * (and said so), since closing ports on a machine that runs other things could cut its owner off.
     */
    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) {
        if (!request.rules().isEmpty()) {
            progress.accept("byon: " + request.rules().size() + " firewall rule(s) of " + request.name()
                    + " are NOT enforced: existing machines keep their own firewall");
        }
        return new FirewallRecord("byon:" + request.name(), request.name(), request.network().name(), request.rules(),
                Map.of("enforced", "no"));
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) {
        // nothing was changed
    }

    /** A machine's public address is the one its owner lists (or its address): nothing is forwarded. */
    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        ExistingHost host = hosts.host(request.node().name());
        String address = host.publicAddress() != null ? host.publicAddress() : host.address();
        return new PublicAddressRecord("byon:" + request.name(), request.name(), request.node().name(), address,
                request.ports(), Map.of("managed", "no"));
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) {
        // nothing was reserved
    }

    // ------------------------------------------------------------ nodes

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        ExistingHost host = hosts.host(request.name());
        try (NodeSession session = connect(host)) {
            HostFacts facts = HostFacts.parse(run(session, host, HostFacts.PROBE, "probe").stdout());
            List<String> unusable = facts.unusable();
            if (!unusable.isEmpty()) {
                throw new ProviderException("node " + request.name() + " (" + host.login() + ") cannot be used: "
                        + String.join("; ", unusable), false, null);
            }
            List<String> differences = facts.shortOf(request);
            if (!differences.isEmpty()) {
                String said = "node " + request.name() + " (" + host.login() + ") differs from the plan: "
                        + String.join("; ", differences);
                if (strict) {
                    throw new ProviderException(said + " (strict: true)", false, null);
                }
                progress.accept("byon: " + said);
            }
            run(session, host, "sudo -n sh -c " + Shell.quote(footprint().prepare()), "prepare");
            String hostKey = knownHosts.pinned(host.address(), host.port()).orElse(null);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("host", host.login());
            attributes.put("system", facts.describe());
            attributes.put("cpus", Integer.toString(facts.cpus()));
            attributes.put("memoryMb", Long.toString(facts.memoryMb()));
            if (!differences.isEmpty()) {
                attributes.put("differs", String.join("; ", differences));
            }
            return new NodeRecord("byon:" + host.name(), request.name(), request.network().name(), NodeStatus.RUNNING,
                    host.address(), host.publicAddress(),
                    new SshEndpoint(host.address(), host.port(), settings.identity().user(), hostKey), attributes);
        }
    }

    /** The machine runs already; the cluster's services are started by polish. */
    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        return refreshNode(node);
    }

    /** Stops the cluster's services; the machine stays up. */
    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        ExistingHost host = hosts.host(node.name());
        try (NodeSession session = connect(host)) {
            run(session, host, "sudo -n sh -c " + Shell.quote(HostFootprint.stopServices()), "stop services");
        }
        return node.withStatus(NodeStatus.STOPPED);
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        Optional<ExistingHost> listed = hosts.find(node.name());
        if (listed.isEmpty()) {
            progress.accept("byon: " + hosts.file() + " no longer lists " + node.name()
                    + ": what plumbery put on it stays there");
            return;
        }
        ExistingHost host = listed.get();
        try (NodeSession session = connect(host)) {
            run(session, host, "sudo -n sh -c " + Shell.quote(footprint().remove()), "clean up");
        }
        knownHosts.forget(host.address(), host.port());
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        Optional<ExistingHost> host = hosts.find(node.name());
        if (host.isEmpty()) {
            return node.withStatus(NodeStatus.GONE);
        }
        // reachable is running: the machine is its owner's, whatever our services do on it
        try (NodeSession ignored = connector(host.get(), Wait.upTo(1)).connect(endpoint(host.get()))) {
            return node.withStatus(NodeStatus.RUNNING);
        } catch (SshException e) {
            return node.withStatus(NodeStatus.STOPPED);
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    // ------------------------------------------------------------ SSH as the machine's own user

    private HostFootprint footprint() {
        return new HostFootprint(tag, settings.identity().user(), settings.identity().publicKey(), serviceUser);
    }

    private NodeSession connect(ExistingHost host) throws ProviderException {
        Wait retry = Wait.upTo(5, Duration.ofSeconds(60)).pausing(Backoff.exponential(Duration.ofSeconds(1), 2,
                Duration.ofSeconds(8)));
        boolean firstContact = knownHosts.pinned(host.address(), host.port()).isEmpty() && host.hostKey() == null;
        try {
            NodeSession session = connector(host, retry).connect(endpoint(host));
            if (firstContact) {
                knownHosts.pinned(host.address(), host.port()).ifPresent(key -> progress.accept("byon: "
                        + host.login() + " presented " + fingerprint(key) + " on first contact; it is trusted from now "
                        + "on (give 'hostKey' in " + hosts.file().getFileName() + " to pin it beforehand)"));
            }
            return session;
        } catch (SshException e) {
            throw new ProviderException("node " + host.name() + ": " + e.getMessage(), true, e);
        }
    }

    private SshConnector connector(ExistingHost host, Wait retry) {
        return new SshConnector(knownHosts, new SshIdentity(host.key(), "", host.user()), retry);
    }

    private static SshEndpoint endpoint(ExistingHost host) {
        return new SshEndpoint(host.address(), host.port(), host.user(), host.hostKey());
    }

    private static CommandResult run(NodeSession session, ExistingHost host, String command, String what)
            throws ProviderException {
        CommandResult result = session.run(command, COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new ProviderException("node " + host.name() + " (" + host.login() + "): " + what + " failed (exit "
                    + result.exitCode() + "): " + String.join(" | ", result.tail(5)), false, null);
        }
        return result;
    }

    private static String fingerprint(String keyLine) {
        String[] parts = keyLine.split("\\s+");
        return parts[0] + " " + KnownHosts.fingerprint(Base64.getDecoder().decode(parts[1]));
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
