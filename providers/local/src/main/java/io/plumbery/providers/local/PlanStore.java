package io.plumbery.providers.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;

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
 * What this provider has made for one plan, on disk under {@code <stateDir>/<plan slug>/}: the networks,
 * firewalls and public addresses the nftables table is rendered from, and one directory per node.
 * Written before the host resources they describe are created, so that a destroy after a crash finds them.
 */
final class PlanStore {

    record NetworkSpec(String name, String bridge, String subnet) {
    }

    record FirewallSpec(String name, String network, List<FirewallRule> rules) {
    }

    record PublicSpec(String name, String node, String network, String address, String privateAddress,
                      List<Integer> ports) {
    }

    interface Locked<T> {
        T run() throws ProviderException, IOException;
    }

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    PlanStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path nodesDir() {
        return dir.resolve("nodes");
    }

    Path nodeDir(String node) {
        return nodesDir().resolve(node);
    }

    /** Runs {@code body} holding the plan's lock, against other threads and other processes. */
    <T> T locked(Locked<T> body) throws ProviderException {
        ReentrantLock lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes, or when this process dies
                return body.run();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProviderException("state of the local provider in " + dir + ": " + e.getMessage(), false, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ProviderException(e.getMessage(), false, e);
        } finally {
            lock.unlock();
        }
    }

    List<NetworkSpec> networks() throws IOException {
        return readAll("networks", NetworkSpec.class);
    }

    Optional<NetworkSpec> network(String name) throws IOException {
        return read(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"), NetworkSpec.class);
    }

    void putNetwork(NetworkSpec spec) throws IOException {
        write(dir.resolve("networks").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removeNetwork(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"));
    }

    List<FirewallSpec> firewalls() throws IOException {
        return readAll("firewalls", FirewallSpec.class);
    }

    /** Firewalls are keyed by network: one rule set per network. */
    void putFirewall(FirewallSpec spec) throws IOException {
        write(dir.resolve("firewalls").resolve(Naming.fileKey(spec.network()) + ".json"), spec);
    }

    void removeFirewall(String network) throws IOException {
        Files.deleteIfExists(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"));
    }

    List<PublicSpec> publics() throws IOException {
        return readAll("public", PublicSpec.class);
    }

    Optional<PublicSpec> publicAddress(String name) throws IOException {
        return read(dir.resolve("public").resolve(Naming.fileKey(name) + ".json"), PublicSpec.class);
    }

    void putPublic(PublicSpec spec) throws IOException {
        write(dir.resolve("public").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removePublic(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("public").resolve(Naming.fileKey(name) + ".json"));
    }

    List<String> nodeNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(nodesDir())) {
            return names;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(nodesDir(), Files::isDirectory)) {
            nodes.forEach(n -> names.add(n.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** Removes the plan directory once nothing is recorded in it any more. */
    void removeIfEmpty() throws IOException {
        if (networks().isEmpty() && firewalls().isEmpty() && publics().isEmpty() && nodeNames().isEmpty()) {
            for (String sub : List.of("networks", "firewalls", "public", "nodes")) {
                Files.deleteIfExists(dir.resolve(sub));
            }
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                for (Path p : left) {
                    if (!p.getFileName().toString().equals(".lock")) {
                        return;
                    }
                }
            }
            Files.deleteIfExists(dir.resolve(".lock"));
            Files.deleteIfExists(dir);
        }
    }

    static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), type));
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private <T> List<T> readAll(String sub, Class<T> type) throws IOException {
        List<T> all = new ArrayList<>();
        Path d = dir.resolve(sub);
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
