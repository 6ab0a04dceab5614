package io.plumbery.bootstrap.ssh;

import io.plumbery.providers.SshEndpoint;
import io.plumbery.providers.SshIdentity;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens {@link NodeSession}s with the plan's key, pinning host keys in the plan's {@link KnownHosts}.
 * While a node boots its SSH port may be closed or its key not yet installed: those attempts are retried
 * under the {@link RetryPolicy}; a host key mismatch is never retried.
 */
public final class SshConnector implements NodeConnector {

    /** Observes each failed attempt (for progress lines and tests). */
    @FunctionalInterface
    public interface AttemptListener {
        void failed(SshEndpoint endpoint, int attempt, Exception cause);
    }

    /** Waits between attempts; tests may pass one that does not really wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int KEEP_ALIVE_SECONDS = 15;

    private final KnownHosts knownHosts;
    private final SshIdentity identity;
    private final RetryPolicy retry;
    private final Duration connectTimeout;
    private final Sleeper sleeper;
    private final DefaultConfig config = new DefaultConfig();

    {
        // detect a dead peer during long quiet waits (cloud-init) instead of a socket read timeout
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    public SshConnector(KnownHosts knownHosts, SshIdentity identity, RetryPolicy retry) {
        this(knownHosts, identity, retry, Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    public SshConnector(KnownHosts knownHosts, SshIdentity identity, RetryPolicy retry, Duration connectTimeout,
                        Sleeper sleeper) {
        this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
        String user = endpoint.user() != null && !endpoint.user().isBlank() ? endpoint.user() : identity.user();
        String address = endpoint.host() + ":" + endpoint.port();
        long started = System.nanoTime();
        long deadline = started + retry.totalTimeout().toNanos();
        Exception last = null;
        int attempt = 0;
        while (attempt < retry.maxAttempts()) {
            attempt++;
            KnownHosts.Verifier verifier = knownHosts.verifierFor(endpoint);
            SSHClient client = new SSHClient(config);
            client.addHostKeyVerifier(verifier);
            client.setConnectTimeout((int) connectTimeout.toMillis());
            client.getTransport().setTimeoutMs((int) Math.max(connectTimeout.toMillis(), 5_000));
            try {
                client.connect(endpoint.host(), endpoint.port());
                client.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
                KeyProvider keys = client.loadKeys(identity.privateKey().toString());
                client.authPublickey(user, keys);
                return new SshNodeSession(client, address);
            } catch (IOException | RuntimeException e) {
                closeQuietly(client);
                if (verifier.mismatch() != null) {
                    throw verifier.mismatch();
                }
                last = e;
                listener.failed(endpoint, attempt, e);
            }
            Duration pause = retry.delayAfter(attempt);
            if (attempt >= retry.maxAttempts() || System.nanoTime() + pause.toNanos() > deadline) {
                break;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshException("interrupted while connecting to " + address, e);
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        throw new SshException("cannot connect to " + user + "@" + address + " after " + attempt + " attempt(s) in "
                + seconds + " s: " + (last == null ? "no attempt" : last.getMessage()), last);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // a failed connection has nothing to flush
        }
    }
}
