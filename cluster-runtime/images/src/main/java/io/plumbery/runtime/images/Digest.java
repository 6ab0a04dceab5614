package io.plumbery.runtime.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A content digest, {@code sha256:<64 hex>}: the only algorithm registries are required to support. */
public record Digest(String algorithm, String hex) {

    public static Digest parse(String text) {
        if (text == null || !text.matches("sha256:[a-f0-9]{64}")) {
            throw new IllegalArgumentException("Unsupported or invalid digest '" + text + "'");
        }
        return new Digest("sha256", text.substring("sha256:".length()));
    }

    public static Digest of(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256().digest(content)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of a file's content. */
    public static Digest ofFile(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /**
     * {@code in} copied to {@code target} only if its content has this digest: written to a temporary file beside it
     * first, so that a cached blob is always a verified one.
     */
    public void copyVerified(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            MessageDigest md = sha256();
            try (in; OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Digest actual = new Digest("sha256", HexFormat.of().formatHex(md.digest()));
            if (!actual.equals(this)) {
                throw new IOException("Digest mismatch: expected " + this + ", got " + actual);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
