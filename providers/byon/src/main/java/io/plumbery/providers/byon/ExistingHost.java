package io.plumbery.providers.byon;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A machine that exists already, as its owner lists it.
 *
 * @param name          the plan's node it stands for
 * @param address       where its sshd listens, also the node's private address
 * @param port          its sshd's port
 * @param user          an account there with password-less sudo, used to prepare the machine and to clean it up
 * @param key           that account's private key
 * @param hostKey       its sshd's public key (OpenSSH line) when the owner pins it; null: trusted on first use, and
 *                      its fingerprint printed
 * @param publicAddress the address others reach it at, when not {@code address}; null otherwise
 */
public record ExistingHost(String name, String address, int port, String user, Path key, String hostKey,
                           String publicAddress) {

    public ExistingHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of host " + name);
        }
    }

    /** {@code user@address:port}, for messages. */
    public String login() {
        return user + "@" + address + ":" + port;
    }
}
