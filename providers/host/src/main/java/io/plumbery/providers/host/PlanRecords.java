package io.plumbery.providers.host;

import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a provider has made for one plan on this host, on disk under {@code <stateDir>/<plan slug>/}: the
 * networks, firewalls, public addresses and balancers ({@code networks/}, {@code firewalls/}, {@code public/},
 * {@code balancers/}, one JSON
 * record each) and one directory per node under {@code nodes/}, whose content is the provider's own. Records
 * are written before the host resources they describe are created, so that a destroy after a crash finds them.
 */
public final class PlanRecords {

    /** A plan network: {@code bridge} is the host's side of it. */
    public record NetworkSpec(String name, String bridge, String subnet) {
    }

    /** The rule set of one network (one per network, keyed by it). */
    public record FirewallSpec(String name, String network, List<FirewallRule> rules) {
    }

    /**
     * A node's public address; {@code privateAddress} is where its traffic goes (the same where nothing maps it).
     * Records written before UDP and ranges hold TCP port numbers, read as such.
     */
    public record PublicSpec(String name, String node, String network, String address, String privateAddress,
                             List<PortRange> ports) {
    }

    /**
     * A load balancer: {@code address} (of its network) gives it a place no node takes, {@code publicAddress} is
     * where it listens; {@code members} are the addresses of the pool's nodes, by node name.
     */
    public record BalancerSpec(String name, String network, String address, String publicAddress, int port,
                               String algorithm, java.util.Map<String, String> members) {
    }

    private static final String NETWORKS = "networks";
    private static final String BALANCERS = "balancers";
    private static final String FIREWALLS = "firewalls";
    private static final String PUBLIC = "public";
    private static final String NODES = "nodes";

    private final Path dir;
    private final RecordDir records;

    /** @param owner who keeps these records, for messages: {@code the local provider} */
    public PlanRecords(Path dir, String owner) {
        this.dir = dir;
        this.records = new RecordDir(dir, owner);
    }

    public Path dir() {
        return dir;
    }

    public Path nodeDir(String node) {
        return dir.resolve(NODES).resolve(node);
    }

    /**
     * Runs {@code body} holding the plan's lock, against other threads and other processes; a bad value met on
     * the way (an argument a record rejects) is a {@link ProviderException} too, as the SPI promises.
     */
    public <T> T locked(RecordDir.Locked<T> body) throws ProviderException {
        return records.locked(() -> {
            try {
                return body.run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ProviderException(e.getMessage(), false, e);
            }
        });
    }

    // ---------------------------------------------------------------- networks

    public List<NetworkSpec> networks() throws IOException {
        return RecordDir.readAll(dir.resolve(NETWORKS), NetworkSpec.class);
    }

    public Optional<NetworkSpec> network(String name) throws IOException {
        return RecordDir.read(file(NETWORKS, name), NetworkSpec.class);
    }

    public void putNetwork(NetworkSpec spec) throws IOException {
        RecordDir.write(file(NETWORKS, spec.name()), spec);
    }

    /** The network's record, or a failure that says {@code what} needs it built first. */
    public NetworkSpec requireNetwork(String name, String what) throws IOException, ProviderException {
        return network(name).orElseThrow(() -> new ProviderException(what + ": network " + name
                + " is not built by this provider yet (ensureNetwork first)"));
    }

    /** Fails when another network of the plan shares an address with {@code subnet}. */
    public void checkNoOverlap(String name, Subnet subnet) throws IOException, ProviderException {
        for (NetworkSpec other : networks()) {
            if (!other.name().equals(name) && Subnet.parse(other.subnet()).overlaps(subnet)) {
                throw new ProviderException("network " + name + " (" + subnet + ") overlaps network "
                        + other.name() + " (" + other.subnet() + ") of the same plan");
            }
        }
    }

    /** Forgets a network with its firewall and the public addresses on it. */
    public void forgetNetwork(String name) throws IOException {
        for (PublicSpec p : publics()) {
            if (p.network().equals(name)) {
                removePublic(p.name());
            }
        }
        removeFirewall(name);
        Files.deleteIfExists(file(NETWORKS, name));
    }

    /**
     * Records the plan's host names ({@link Naming#FILE}) unless they are recorded already: call locked, before the
     * plan's first network, so that every later run finds its resources by these names.
     */
    public void recordNames(Naming.Names names) throws IOException {
        if (!Files.exists(dir.resolve(Naming.FILE))) {
            RecordDir.write(dir.resolve(Naming.FILE), names);
        }
    }

    // ---------------------------------------------------------------- firewalls

    public List<FirewallSpec> firewalls() throws IOException {
        return RecordDir.readAll(dir.resolve(FIREWALLS), FirewallSpec.class);
    }

    public Optional<FirewallSpec> firewall(String network) throws IOException {
        return RecordDir.read(file(FIREWALLS, network), FirewallSpec.class);
    }

    public void putFirewall(FirewallSpec spec) throws IOException {
        RecordDir.write(file(FIREWALLS, spec.network()), spec);
    }

    /** Records the rule set of a network that must be recorded already. */
    public FirewallSpec recordFirewall(FirewallRequest request) throws IOException, ProviderException {
        String network = request.network().name();
        requireNetwork(network, "firewall " + request.name());
        FirewallSpec spec = new FirewallSpec(request.name(), network, request.rules());
        putFirewall(spec);
        return spec;
    }

    public void removeFirewall(String network) throws IOException {
        Files.deleteIfExists(file(FIREWALLS, network));
    }

    // ---------------------------------------------------------------- public addresses

    public List<PublicSpec> publics() throws IOException {
        return RecordDir.readAll(dir.resolve(PUBLIC), PublicSpec.class);
    }

    public Optional<PublicSpec> publicAddress(String name) throws IOException {
        return RecordDir.read(file(PUBLIC, name), PublicSpec.class);
    }

    /** Records {@code spec}, replacing any other record of the same address (one address, one record). */
    public void putPublic(PublicSpec spec) throws IOException {
        for (PublicSpec other : publics()) {
            if (other.address().equals(spec.address()) && !other.name().equals(spec.name())) {
                removePublic(other.name());
            }
        }
        RecordDir.write(file(PUBLIC, spec.name()), spec);
    }

    public void removePublic(String name) throws IOException {
        Files.deleteIfExists(file(PUBLIC, name));
    }

    /** The public address of a node, if it has one. */
    public Optional<String> publicAddressOf(String node) throws IOException {
        return publics().stream().filter(p -> p.node().equals(node)).map(PublicSpec::address).findFirst();
    }

    /** Forgets the node's public addresses; true when there were any. */
    public boolean forgetPublicsOf(String node) throws IOException {
        boolean any = false;
        for (PublicSpec p : publics()) {
            if (p.node().equals(node)) {
                removePublic(p.name());
                any = true;
            }
        }
        return any;
    }

    // ---------------------------------------------------------------- balancers

    public List<BalancerSpec> balancers() throws IOException {
        return RecordDir.readAll(dir.resolve(BALANCERS), BalancerSpec.class);
    }

    public void putBalancer(BalancerSpec spec) throws IOException {
        RecordDir.write(file(BALANCERS, spec.name()), spec);
    }

    public void removeBalancer(String name) throws IOException {
        Files.deleteIfExists(file(BALANCERS, name));
    }

    /** The balancers' own directories that exist, recorded or not (what a crash may leave). */
    public List<Path> balancerDirs() throws IOException {
        Path all = dir.resolve(BALANCERS);
        if (!Files.isDirectory(all)) {
            return List.of();
        }
        try (var entries = Files.list(all)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** A directory of the balancer's own (its health probe's files), next to its record. */
    public Path balancerDir(String name) {
        return dir.resolve(BALANCERS).resolve(Naming.fileKey(name));
    }

    // ---------------------------------------------------------------- nodes and the whole directory

    /** The nodes that have a directory, in name order. */
    public List<String> nodeNames() throws IOException {
        List<String> names = new ArrayList<>();
        Path nodes = dir.resolve(NODES);
        if (!Files.isDirectory(nodes)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(nodes, Files::isDirectory)) {
            entries.forEach(n -> names.add(n.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** True once nothing is recorded any more. */
    public boolean empty() throws IOException {
        return networks().isEmpty() && firewalls().isEmpty() && publics().isEmpty() && balancers().isEmpty()
                && nodeNames().isEmpty();
    }

    /** Removes the plan directory once nothing is recorded in it and nothing else was put there. Call locked. */
    public void removeIfEmpty() throws IOException {
        if (!empty()) {
            return;
        }
        for (String sub : List.of(NETWORKS, FIREWALLS, PUBLIC, BALANCERS, NODES)) {
            Files.deleteIfExists(dir.resolve(sub));
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
            for (Path p : left) {
                String name = p.getFileName().toString();
                if (!name.equals(RecordDir.LOCK) && !name.equals(Naming.FILE)) {
                    return;
                }
            }
        }
        Files.deleteIfExists(dir.resolve(RecordDir.LOCK));
        Files.deleteIfExists(dir.resolve(Naming.FILE));
        Files.deleteIfExists(dir);
    }

    private Path file(String kind, String name) {
        return dir.resolve(kind).resolve(Naming.fileKey(name) + ".json");
    }
}
