package io.plumbery.providers.jclouds.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.node.ssh.HostKeyCheck;
import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.providers.NodeRecord;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

import net.schmizz.sshj.common.Buffer;

/**
 * What the clouds' tests check of a node's SSH host key: the key its console showed is what the plan's known_hosts
 * pins for it, as the engine pins a new node's, and the SSH verification then refuses any other.
 */
public final class HostKeyChecks {

    /** The node's ed25519 key, which the replayed consoles show (with an ECDSA one, which is not preferred). */
    public static final String NODE_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHl9lxhZIXMoVx3GBl89xUZoExdR+0py4+VWS0yo7"
            + "me8 root@web1";
    public static final String NODE_FINGERPRINT = "256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg root@web1 "
            + "(ED25519)";
    /** Another machine's key, which a man in the middle would present. */
    public static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA7tTl/fXpivz2lFOP1+uhzat7phiVxBJtmp3+q"
            + "jbkff root@intruder";

    private HostKeyChecks() {
    }

    /** Pins the node's endpoint in a known_hosts under {@code dir}, then checks the node's key and another's. */
    public static void pinnedAndOthersRefused(NodeRecord node, Path dir) {
        KnownHosts hosts = new KnownHosts(dir.resolve("known_hosts"));
        hosts.pin(node.ssh());
        String host = node.ssh().host();
        assertEquals(Optional.of(NODE_KEY.substring(0, NODE_KEY.lastIndexOf(' '))), hosts.pinned(host, 22));
        HostKeyCheck.Verifier other = hosts.verifierFor(node.ssh());
        assertFalse(other.verify(host, 22, publicKey(OTHER_KEY)), "another key is refused");
        assertNotNull(other.mismatch(), "and said to be a mismatch, never retried");
        assertTrue(other.mismatch().getMessage().contains("SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg"),
                other.mismatch().getMessage());
        assertTrue(hosts.verifierFor(node.ssh()).verify(host, 22, publicKey(NODE_KEY)), "the node's own is taken");
    }

    public static PublicKey publicKey(String line) {
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(line.split(" ")[1])).readPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code action} prints on standard error, where the providers' progress lines go. */
    public static String stderrOf(ThrowingRunnable action) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
