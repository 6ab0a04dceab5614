package io.plumbery.node.ssh;

import net.schmizz.sshj.common.Buffer;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Accepts exactly the keys listed (OpenSSH lines, {@code type base64 [comment]}), read again for every
 * connection: a provider lists the host keys it wrote to a node's disk before booting it. Nothing is pinned;
 * a key that is not listed refuses that connection only, and the next attempt reads the list again.
 */
public record ListedHostKeys(Supplier<List<String>> keys) implements HostKeyCheck {

    @Override
    public Verifier verifierFor(SshEndpoint endpoint) {
        return new Verifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                return keys.get().stream().anyMatch(line -> sameKey(key, line));
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }

            @Override
            public HostKeyMismatchException mismatch() {
                return null;
            }
        };
    }

    static boolean sameKey(PublicKey key, String opensshLine) {
        String[] parts = opensshLine.trim().split("\\s+");
        if (parts.length < 2) {
            return false;
        }
        try {
            byte[] expected = Base64.getDecoder().decode(parts[1]);
            byte[] actual = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            return Arrays.equals(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
