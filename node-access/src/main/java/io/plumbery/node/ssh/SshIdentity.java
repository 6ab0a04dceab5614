package io.plumbery.node.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The plan's own SSH key pair: the public half goes to every node through user-data, the private half
 * stays next to the state (mode 0600). Providers use it to check a node is reachable.
 *
 * @param privateKey path to the private key in OpenSSH format
 * @param publicKey  the public key, one OpenSSH line ({@code ssh-ed25519 AAAA... comment})
 * @param user       the login user nodes are configured with
 */
public record SshIdentity(Path privateKey, String publicKey, String user) {
    public SshIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(user, "user");
    }
}
