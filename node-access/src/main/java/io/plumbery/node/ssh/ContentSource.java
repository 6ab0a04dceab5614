package io.plumbery.node.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bytes to upload, from memory or a local file, with their SHA-256 (computed once). */
public final class ContentSource {
    private final byte[] bytes;
    private final Path file;
    private String sha256;

    private ContentSource(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    public static ContentSource of(byte[] bytes) {
        return new ContentSource(bytes.clone(), null);
    }

    public static ContentSource of(Path file) {
        return new ContentSource(null, file);
    }

    public InputStream open() throws IOException {
        return bytes != null ? new java.io.ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    public long length() throws IOException {
        return bytes != null ? bytes.length : Files.size(file);
    }

    /** Lower-case hex, as {@code sha256sum} prints it. */
    public synchronized String sha256() {
        if (sha256 == null) {
            try (InputStream in = new DigestInputStream(open(), MessageDigest.getInstance("SHA-256"))) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                sha256 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + (file != null ? file : "content"), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return sha256;
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : bytes.length + " bytes";
    }
}
