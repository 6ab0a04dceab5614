package io.plumbery.providers.vagrant;

import io.plumbery.node.files.PrivateFiles;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.PackageProxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a node's container mounts from its directory: the NoCloud seed ({@code seed/meta-data},
 * {@code seed/user-data}), apt's proxy setting ({@code apt-proxy.conf}) and an SSH host key made here before the first boot, so the provider knows the
 * key it will meet before it connects.
 */
final class NodeFiles {

    private NodeFiles() {
    }

    /**
     * Writes the seed, apt's proxy setting ({@code gateway}: the host's address on the node's network), and the
     * host key unless the node has one (a re-create keeps its key).
     */
    static void writeFirstBoot(Path nodeDir, String node, String metaData, String userData, String gateway)
            throws IOException, ProviderException {
        PrivateFiles.write(nodeDir.resolve("seed/meta-data"), metaData, "rw-------");
        PrivateFiles.write(nodeDir.resolve("seed/user-data"), userData, "rw-------");
        PrivateFiles.write(nodeDir.resolve(Vagrantfile.APT_PROXY), PackageProxy.aptConf(gateway), "rw-r--r--");
        Path key = nodeDir.resolve(Vagrantfile.HOST_KEY);
        if (!Files.exists(key) || !Files.exists(nodeDir.resolve(Vagrantfile.HOST_KEY + ".pub"))) {
            Files.deleteIfExists(key);
            Files.deleteIfExists(nodeDir.resolve(Vagrantfile.HOST_KEY + ".pub"));
            Exec.check(Duration.ofSeconds(30), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    "root@" + node, "-f", key.toString()));
        }
    }

    /** The node's SSH host key, OpenSSH one-line form, as made by {@link #writeFirstBoot}. */
    static Optional<String> hostKey(Path nodeDir) {
        try {
            Path pub = nodeDir.resolve(Vagrantfile.HOST_KEY + ".pub");
            return Files.isRegularFile(pub) ? Optional.of(Files.readString(pub).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
