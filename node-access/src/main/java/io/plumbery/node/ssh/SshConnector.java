package io.plumbery.node.ssh;

import io.plumbery.node.wait.Wait;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens {@link NodeSession}s with the plan's key, the node's host key checked by a {@link HostKeyCheck}.
 * While a node boots its SSH port may be closed or its key not yet installed: {@link #connect} retries
 * those attempts under its {@link Wait}; a host key mismatch is never retried.
 */
public final class SshConnector implements NodeConnector {

    /** Observes each failed attempt (for progress lines and tests). */
    @FunctionalInterface
    public interface AttemptListener {
        void failed(SshEndpoint endpoint, int attempt, Exception cause);
    }

    private static final int KEEP_ALIVE_SECONDS = 15;

    private final HostKeyCheck hostKeys;
    private final SshIdentity identity;
    private final Wait retry;
    private final Duration connectTimeout;
    private final DefaultConfig config = new DefaultConfig();

    {
        // detect a dead peer during long quiet waits (cloud-init) instead of a socket read timeout
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    public SshConnector(HostKeyCheck hostKeys, SshIdentity identity, Wait retry) {
        this(hostKeys, identity, retry, Duration.ofSeconds(10));
    }

    public SshConnector(HostKeyCheck hostKeys, SshIdentity identity, Wait retry, Duration connectTimeout) {
        this.hostKeys = Objects.requireNonNull(hostKeys, "hostKeys");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.retry = Objects.requireNonNull(retry, "retry")
                .retryingOn(e -> e instanceof SshException && !(e instanceof HostKeyMismatchException));
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    public NodeSession connect(SshEndpoint endpoint) {
        return connect(endpoint, (e, attempt, cause) -> { });
    }

    /**
     * Connects and authenticates as the endpoint's user (the identity's when the endpoint names none).
     *
     * @throws HostKeyMismatchException at once when the host key is not the pinned or reported one
     * @throws SshException             when every attempt failed; names the endpoint, attempts and the last cause
     */
    @Override
    public NodeSession connect(SshEndpoint endpoint, AttemptListener listener) {
        int[] attempt = {0};
        Wait.Result<NodeSession> result = retry.retry(() -> {
            attempt[0]++;
            try {
                return open(endpoint);
            } catch (HostKeyMismatchException e) {
                throw e;
            } catch (SshException e) {
                listener.failed(endpoint, attempt[0], reason(e));
                throw e;
            }
        });
        if (result.done()) {
            return result.last();
        }
        String address = user(endpoint) + "@" + endpoint.host() + ":" + endpoint.port();
        if (result.interrupted()) {
            throw new SshException("interrupted while connecting to " + endpoint.host() + ":" + endpoint.port(), null);
        }
        Exception last = result.failure() == null ? null : reason((SshException) result.failure());
        throw new SshException("cannot connect to " + address + " after " + result.attempts() + " attempt(s) in "
                + result.elapsed().toSeconds() + " s: " + (last == null ? "no attempt" : last.getMessage()), last);
    }

    /**
     * One attempt, without retries: connects and authenticates.
     *
     * @throws HostKeyMismatchException when the host key is known to be wrong
     * @throws SshException             otherwise, its cause the exception of SSHJ (a closed port, a refused key...)
     */
    public NodeSession open(SshEndpoint endpoint) {
        HostKeyCheck.Verifier verifier = hostKeys.verifierFor(endpoint);
        SSHClient client = new SSHClient(config);
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout((int) connectTimeout.toMillis());
        client.getTransport().setTimeoutMs((int) Math.max(connectTimeout.toMillis(), 5_000));
        try {
            client.connect(endpoint.host(), endpoint.port());
            client.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            KeyProvider keys = client.loadKeys(identity.privateKey().toString());
            client.authPublickey(user(endpoint), keys);
            return new SshNodeSession(client, endpoint.host() + ":" + endpoint.port());
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (verifier.mismatch() != null) {
                throw verifier.mismatch();
            }
            throw new SshException("cannot connect to " + user(endpoint) + "@" + endpoint.host() + ":"
                    + endpoint.port() + ": " + e.getMessage(), e);
        }
    }

    /** One command in a session of its own, without retries: what a check of a node needs. */
    public CommandResult run(SshEndpoint endpoint, String command, Duration timeout) {
        try (NodeSession session = open(endpoint)) {
            return session.run(command, timeout);
        }
    }

    private String user(SshEndpoint endpoint) {
        return endpoint.user() != null && !endpoint.user().isBlank() ? endpoint.user() : identity.user();
    }

    /** What SSHJ said, under the {@link SshException} that names the endpoint. */
    static Exception reason(SshException e) {
        return e.getCause() instanceof Exception cause ? cause : e;
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // a failed connection has nothing to flush
        }
    }
}
