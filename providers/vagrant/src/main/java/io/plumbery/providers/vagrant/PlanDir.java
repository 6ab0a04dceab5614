package io.plumbery.providers.vagrant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.local.Naming;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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

    interface Locked<T> {
        T run() throws ProviderException, IOException;
    }

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    PlanDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
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
    <T> T locked(Locked<T> body) throws ProviderException {
        ReentrantLock lock = LOCKS.computeIfAbsent(dir, k -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes, or when this process dies
                return body.run();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProviderException("state of the vagrant provider in " + dir + ": " + e.getMessage(), false, e);
        } finally {
            lock.unlock();
        }
    }

    Optional<NetworkSpec> network(String name) throws IOException {
        return read(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"), NetworkSpec.class);
    }

    List<NetworkSpec> networks() throws IOException {
        return readAll(dir.resolve("networks"), NetworkSpec.class);
    }

    void putNetwork(NetworkSpec spec) throws IOException {
        write(dir.resolve("networks").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removeNetwork(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"));
    }

    Optional<MachineSpec> machine(String node) throws IOException {
        return read(nodeDir(node).resolve("machine.json"), MachineSpec.class);
    }

    List<MachineSpec> machines() throws IOException {
        List<MachineSpec> all = new ArrayList<>();
        for (String node : nodeNames()) {
            machine(node).ifPresent(all::add);
        }
        return all;
    }

    void putMachine(MachineSpec spec) throws IOException {
        write(nodeDir(spec.name()).resolve("machine.json"), spec);
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
        return readAll(dir.resolve("firewalls"), FirewallSpec.class);
    }

    Optional<FirewallSpec> firewall(String network) throws IOException {
        return read(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"), FirewallSpec.class);
    }

    /** One rule set per network, keyed by the network. */
    void putFirewall(FirewallSpec spec) throws IOException {
        write(dir.resolve("firewalls").resolve(Naming.fileKey(spec.network()) + ".json"), spec);
    }

    void removeFirewall(String network) throws IOException {
        Files.deleteIfExists(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"));
    }

    List<PublicSpec> publics() throws IOException {
        return readAll(dir.resolve("public"), PublicSpec.class);
    }

    void putPublic(PublicSpec spec) throws IOException {
        write(dir.resolve("public").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
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

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), type));
    }

    private static <T> List<T> readAll(Path d, Class<T> type) throws IOException {
        List<T> all = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return all;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d, "*.json")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            all.add(JSON.readValue(f.toFile(), type));
        }
        return all;
    }
}
