package io.plumbery.providers.vagrant;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.local.Naming;
import io.plumbery.providers.local.RecordDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan's Vagrant project, {@code <stateDir>/<plan slug>/}: the {@code Vagrantfile} (rendered from the
 * machine records), Vagrant's own {@code .vagrant/}, one directory per node (its record, NoCloud seed and
 * SSH host key) and the records of networks, firewalls and public addresses. Records are written before
 * the host resources they describe exist, so a destroy after a crash finds them.
 */
final class PlanDir {

    record NetworkSpec(String name, String dockerNetwork, String bridge, String subnet) {
    }

    /** A node: {@code name} is also its Vagrant machine name and host name. */
    record MachineSpec(String name, String network, String dockerNetwork, String address, String container,
                       String instanceId, int cpu, int memoryMb, String image, String appliance,
                       List<Integer> disksGb) {
        MachineSpec {
            disksGb = disksGb == null ? List.of() : List.copyOf(disksGb);
        }
    }

    record FirewallSpec(String name, String network, List<FirewallRule> rules) {
    }

    record PublicSpec(String name, String node, String network, String address, List<Integer> ports) {
    }

    private final Path dir;
    private final RecordDir records;

    PlanDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.records = new RecordDir(this.dir, "the vagrant provider");
    }

    Path dir() {
        return dir;
    }

    Path vagrantfile() {
        return dir.resolve("Vagrantfile");
    }

    Path nodeDir(String node) {
        return dir.resolve("nodes").resolve(node);
    }

    /** Runs {@code body} holding the plan's lock, against other threads and other processes. */
    <T> T locked(RecordDir.Locked<T> body) throws ProviderException {
        return records.locked(body);
    }

    Optional<NetworkSpec> network(String name) throws IOException {
        return RecordDir.read(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"), NetworkSpec.class);
    }

    List<NetworkSpec> networks() throws IOException {
        return RecordDir.readAll(dir.resolve("networks"), NetworkSpec.class);
    }

    void putNetwork(NetworkSpec spec) throws IOException {
        RecordDir.write(dir.resolve("networks").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removeNetwork(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"));
    }

    Optional<MachineSpec> machine(String node) throws IOException {
        return RecordDir.read(nodeDir(node).resolve("machine.json"), MachineSpec.class);
    }

    List<MachineSpec> machines() throws IOException {
        List<MachineSpec> all = new ArrayList<>();
        for (String node : nodeNames()) {
            machine(node).ifPresent(all::add);
        }
        return all;
    }

    void putMachine(MachineSpec spec) throws IOException {
        RecordDir.write(nodeDir(spec.name()).resolve("machine.json"), spec);
    }

    List<String> nodeNames() throws IOException {
        List<String> names = new ArrayList<>();
        Path nodes = dir.resolve("nodes");
        if (Files.isDirectory(nodes)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(nodes, Files::isDirectory)) {
                entries.forEach(n -> names.add(n.getFileName().toString()));
            }
        }
        names.sort(null);
        return names;
    }

    List<FirewallSpec> firewalls() throws IOException {
        return RecordDir.readAll(dir.resolve("firewalls"), FirewallSpec.class);
    }

    Optional<FirewallSpec> firewall(String network) throws IOException {
        return RecordDir.read(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"), FirewallSpec.class);
    }

    /** One rule set per network, keyed by the network. */
    void putFirewall(FirewallSpec spec) throws IOException {
        RecordDir.write(dir.resolve("firewalls").resolve(Naming.fileKey(spec.network()) + ".json"), spec);
    }

    void removeFirewall(String network) throws IOException {
        Files.deleteIfExists(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"));
    }

    List<PublicSpec> publics() throws IOException {
        return RecordDir.readAll(dir.resolve("public"), PublicSpec.class);
    }

    void putPublic(PublicSpec spec) throws IOException {
        RecordDir.write(dir.resolve("public").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removePublic(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("public").resolve(Naming.fileKey(name) + ".json"));
    }

    /** True once nothing is recorded: the caller may then remove the whole directory. */
    boolean empty() throws IOException {
        return networks().isEmpty() && firewalls().isEmpty() && publics().isEmpty() && nodeNames().isEmpty();
    }

    /**
     * Removes the whole directory (Vagrantfile, .vagrant, lock) once nothing is recorded in it any more.
     * Call locked.
     */
    void removeIfEmpty() throws IOException {
        if (empty()) {
            deleteTree(dir);
        }
    }

    /** {@code rm -r} without following links (nothing is mounted under a plan's directory). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
