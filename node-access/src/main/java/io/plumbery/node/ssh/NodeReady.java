package io.plumbery.node.ssh;

import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;
import net.schmizz.sshj.userauth.UserAuthException;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A node that was just booted, reached for the first time: the wait until its sshd accepts the plan's key
 * and a check (such as {@code cloud-init status --wait}) has run. Providers use it before they report a node
 * running, failing in their own exception type.
 *
 * @param node        the node's name, for messages
 * @param hostKeys    the host keys the node may present (OpenSSH lines), read again for each attempt
 * @param consoleTail the last lines of the node's console, for messages
 */
public record NodeReady(String node, String host, int port, SshIdentity identity, Supplier<List<String>> hostKeys,
                        Supplier<String> consoleTail) {

    /** Makes the caller's exception: its message, whether trying again later may help, and its cause. */
    @FunctionalInterface
    public interface Failure<X extends Exception> {
        X create(String message, boolean retryable, Throwable cause);
    }

    private static final int MAX_ATTEMPTS = 10_000;
    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Waits until sshd accepts the plan's key, then runs {@code check}; exit 0 or 2 (cloud-init's "done with
     * recoverable errors") is ready. Fails with the node's name, what was last seen and the last lines of its
     * console: at once when the check fails, retryable when {@code timeout} passed first.
     */
    public <X extends Exception> void await(String check, Duration timeout, Failure<X> failure) throws X {
        SshConnector ssh = new SshConnector(new ListedHostKeys(hostKeys), identity, Wait.upTo(1), CONNECT_TIMEOUT);
        // the plan's user only: no provider authorises root (a user-data that does not let the plan's key in as
        // that user leaves the node unreachable, which the failure says)
        String user = identity.user();
        long deadline = System.nanoTime() + timeout.toNanos();
        Wait.Result<CommandResult> result = Wait.upTo(MAX_ATTEMPTS, timeout).pausing(Backoff.fixed(PAUSE))
                .retryingOn(e -> e instanceof SshException).retry(() -> {
                    Duration left = Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    try {
                        return ssh.run(new SshEndpoint(host, port, user, null), check, left);
                    } catch (SshException e) {
                        Exception reason = SshConnector.reason(e);
                        if (reason instanceof UserAuthException) {
                            throw new SshException("the plan's key is not accepted for " + user, reason);
                        }
                        throw new SshException(reason.getClass().getSimpleName() + ": " + reason.getMessage(), reason);
                    }
                });
        if (result.interrupted()) {
            throw failure.create("interrupted while waiting for node " + node, true, null);
        }
        if (!result.done()) {
            String last = result.failure() == null ? "no answer yet" : result.failure().getMessage();
            throw failure.create("node " + node + " (" + host + ") did not answer over SSH with cloud-init "
                    + "finished within " + timeout.toSeconds() + " s; last: " + last + "\nlast console lines:\n"
                    + consoleTail.get(), true, null);
        }
        CommandResult status = result.last();
        if (status.exitCode() != 0 && status.exitCode() != 2) {
            throw failure.create("'" + check + "' failed on node " + node + " (exit " + status.exitCode() + "):\n"
                    + String.join("\n", status.tail(12)) + "\nlast console lines:\n" + consoleTail.get(), false, null);
        }
    }
}
