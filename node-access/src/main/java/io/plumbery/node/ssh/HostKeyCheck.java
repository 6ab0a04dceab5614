package io.plumbery.node.ssh;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * How the connections of an {@link SshConnector} check the host key a node presents: against the plan's
 * {@link KnownHosts} (the engine and the bootstrap), or against the keys a provider put on the node's disk
 * ({@link ListedHostKeys}).
 */
@FunctionalInterface
public interface HostKeyCheck {

    /** A verifier for one connection to {@code endpoint}. */
    Verifier verifierFor(SshEndpoint endpoint);

    /** SSHJ's verifier, plus why it refused a key when that refusal must not be retried. */
    interface Verifier extends HostKeyVerifier {
        /** A key that is known to be wrong (never retried), or null. */
        HostKeyMismatchException mismatch();
    }
}
