package io.plumbery.node.ssh;

/**
 * How to reach a node's SSH server. {@code hostKey} is the server's public key as the provider saw it
 * (OpenSSH one-line form), or null when the provider cannot tell; it is what known_hosts pins.
 */
public record SshEndpoint(String host, int port, String user, String hostKey) {
}
