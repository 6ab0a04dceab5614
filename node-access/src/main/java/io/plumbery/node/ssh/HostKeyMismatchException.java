package io.plumbery.node.ssh;

/**
 * Fingerprints are {@code type SHA256:base64}, e.g. {@code ssh-ed25519 SHA256:uC3...}.
 *
 * <p>A node presented a host key other than the one pinned for it (or than the provider reported): possibly
 * a man in the middle, or a node rebuilt at the same address. Never retried, never silently accepted.
 */
public final class HostKeyMismatchException extends SshException {
    private final String host;
    private final int port;
    private final String expectedFingerprint;
    private final String actualFingerprint;

    public HostKeyMismatchException(String host, int port, String expectedFingerprint, String actualFingerprint,
                                    String expectedFrom) {
        super("host key of " + host + ":" + port + " changed: expected " + expectedFingerprint + " (" + expectedFrom
                + "), got " + actualFingerprint + "; if the node was rebuilt on purpose, remove its line from "
                + "the plan's known_hosts", null);
        this.host = host;
        this.port = port;
        this.expectedFingerprint = expectedFingerprint;
        this.actualFingerprint = actualFingerprint;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String expectedFingerprint() {
        return expectedFingerprint;
    }

    public String actualFingerprint() {
        return actualFingerprint;
    }
}
