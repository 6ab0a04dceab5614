package io.plumbery.node.ssh;

import io.plumbery.node.files.PrivateFiles;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The plan's known_hosts file (OpenSSH format, {@code [host]:port type key}), shared by every connection
 * of the plan. First contact pins the key: the one the provider reported when it did (a different key is
 * refused), else the one presented (trust on first use). A pinned key that changes is refused with a
 * {@link HostKeyMismatchException} naming host and both fingerprints.
 */
public final class KnownHosts implements HostKeyCheck {
    private final Path file;

    public KnownHosts(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** A verifier for one connection to {@code endpoint}; {@link Verifier#mismatch()} tells why it refused. */
    @Override
    public Verifier verifierFor(SshEndpoint endpoint) {
        return new Verifier(endpoint.hostKey());
    }

    /** The pinned key line ({@code type base64}) for host and port, if any. */
    public synchronized Optional<String> pinned(String host, int port) {
        return lookup(hostToken(host, port)).map(e -> e.type + " " + e.base64);
    }

    /**
     * Pins the key a provider reported for a node it just created, replacing whatever was pinned for that
     * host and port before (a node destroyed and built again gets new keys at the same address). Nothing
     * happens when the provider reported no key: first contact will pin it then.
     */
    public synchronized void pin(SshEndpoint endpoint) {
        Optional<Entry> key = parseKeyLine(endpoint.hostKey());
        if (key.isEmpty()) {
            return;
        }
        String token = hostToken(endpoint.host(), endpoint.port());
        forget(endpoint.host(), endpoint.port());
        append(token, key.get().type(), key.get().base64());
    }

    /** Forgets the key of a host and port, e.g. once its node is destroyed. */
    public synchronized void forget(String host, int port) {
        if (!Files.exists(file)) {
            return;
        }
        String token = hostToken(host, port);
        try {
            List<String> kept = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> {
                        String[] parts = line.strip().split("\\s+");
                        return parts.length < 3 || !List.of(parts[0].split(",")).contains(token);
                    }).toList();
            PrivateFiles.writeLines(file, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:base64-without-padding}. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hostToken(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private record Entry(String type, String base64) {
        byte[] blob() {
            return Base64.getDecoder().decode(base64);
        }
    }

    private static Optional<Entry> parseKeyLine(String typeAndKey) {
        if (typeAndKey == null || typeAndKey.isBlank()) {
            return Optional.empty();
        }
        String[] parts = typeAndKey.strip().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + typeAndKey);
        }
        return Optional.of(new Entry(parts[0], parts[1]));
    }

    private Optional<Entry> lookup(String token) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length >= 3 && List.of(parts[0].split(",")).contains(token)) {
                    return Optional.of(new Entry(parts[1], parts[2]));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void append(String token, String type, String base64) {
        try {
            if (file.getParent() != null) {
                PrivateFiles.directories(file.getParent());
            }
            PrivateFiles.appendLine(file, token + " " + type + " " + base64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Checks one connection's host key against the file; records why it refused. */
    public final class Verifier implements HostKeyCheck.Verifier {
        private final String providerKey;
        private volatile HostKeyMismatchException mismatch;

        private Verifier(String providerKey) {
            this.providerKey = providerKey;
        }

        /** Why the last key was refused, or null. */
        @Override
        public HostKeyMismatchException mismatch() {
            return mismatch;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            byte[] presented = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            String type = KeyType.fromKey(key).toString();
            String token = hostToken(hostname, port);
            synchronized (KnownHosts.this) {
                Optional<Entry> pinned = lookup(token);
                if (pinned.isPresent()) {
                    return check(hostname, port, pinned.get(), type, presented, "pinned in " + file);
                }
                Optional<Entry> expected = parseKeyLine(providerKey);
                if (expected.isPresent() && !check(hostname, port, expected.get(), type, presented, "reported by the provider")) {
                    return false;
                }
                append(token, type, Base64.getEncoder().encodeToString(presented));
                return true;
            }
        }

        private boolean check(String host, int port, Entry expected, String presentedType, byte[] presented, String from) {
            if (MessageDigest.isEqual(expected.blob(), presented)) {
                return true;
            }
            mismatch = new HostKeyMismatchException(host, port, expected.type + " " + fingerprint(expected.blob()),
                    presentedType + " " + fingerprint(presented), from);
            return false;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            List<String> algorithms = new ArrayList<>();
            synchronized (KnownHosts.this) {
                lookup(hostToken(hostname, port)).ifPresent(e -> algorithms.add(e.type));
            }
            if (algorithms.isEmpty()) {
                parseKeyLine(providerKey).ifPresent(e -> algorithms.add(e.type));
            }
            return algorithms;
        }
    }
}
