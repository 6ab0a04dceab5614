package io.plumbery.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The cluster-runtime jar that the bootstrap uploads to nodes. It ships inside plumbery's own jar
 * ({@code /runtime/plumbery-cluster-runtime.jar}) and is copied out next to the state when its content
 * changed; {@code PLUMBERY_RUNTIME_JAR} points at another build of it.
 */
public final class RuntimeArtifact {

    static final String RESOURCE = "/runtime/plumbery-cluster-runtime.jar";

    private RuntimeArtifact() {
    }

    public static Optional<Path> locate(Path workDir) {
        String override = System.getenv("PLUMBERY_RUNTIME_JAR");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        try (InputStream bundled = RuntimeArtifact.class.getResourceAsStream(RESOURCE)) {
            if (bundled == null) {
                return Optional.empty();
            }
            byte[] bytes = bundled.readAllBytes();
            Path target = workDir.resolve("plumbery-cluster-runtime.jar");
            if (!Files.exists(target) || !sha256(Files.readAllBytes(target)).equals(sha256(bytes))) {
                Files.createDirectories(workDir);
                Path temp = workDir.resolve("plumbery-cluster-runtime.jar.tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the cluster runtime into " + workDir, e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
