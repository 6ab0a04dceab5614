package io.plumbery.providers.local;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private final Path dir;
    private final RecordDir records;

    PlanStore(Path dir) {
        this.dir = dir;
        this.records = new RecordDir(dir, "the local provider");
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

    /**
     * Runs {@code body} holding the plan's lock, against other threads and other processes; a bad value met on
     * the way (an argument a record rejects) is a {@link ProviderException} too, as the SPI promises.
     */
    <T> T locked(RecordDir.Locked<T> body) throws ProviderException {
        return records.locked(() -> {
            try {
                return body.run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ProviderException(e.getMessage(), false, e);
            }
        });
    }

    List<NetworkSpec> networks() throws IOException {
        return RecordDir.readAll(dir.resolve("networks"), NetworkSpec.class);
    }

    Optional<NetworkSpec> network(String name) throws IOException {
        return RecordDir.read(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"), NetworkSpec.class);
    }

    void putNetwork(NetworkSpec spec) throws IOException {
        RecordDir.write(dir.resolve("networks").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
    }

    void removeNetwork(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("networks").resolve(Naming.fileKey(name) + ".json"));
    }

    List<FirewallSpec> firewalls() throws IOException {
        return RecordDir.readAll(dir.resolve("firewalls"), FirewallSpec.class);
    }

    /** Firewalls are keyed by network: one rule set per network. */
    void putFirewall(FirewallSpec spec) throws IOException {
        RecordDir.write(dir.resolve("firewalls").resolve(Naming.fileKey(spec.network()) + ".json"), spec);
    }

    void removeFirewall(String network) throws IOException {
        Files.deleteIfExists(dir.resolve("firewalls").resolve(Naming.fileKey(network) + ".json"));
    }

    List<PublicSpec> publics() throws IOException {
        return RecordDir.readAll(dir.resolve("public"), PublicSpec.class);
    }

    Optional<PublicSpec> publicAddress(String name) throws IOException {
        return RecordDir.read(dir.resolve("public").resolve(Naming.fileKey(name) + ".json"), PublicSpec.class);
    }

    void putPublic(PublicSpec spec) throws IOException {
        RecordDir.write(dir.resolve("public").resolve(Naming.fileKey(spec.name()) + ".json"), spec);
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
}
