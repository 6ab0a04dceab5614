package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.model.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file for a node: where it goes (absolute path on the node), its content, mode and owner, and the service
 * whose unit must be restarted when it changes ({@code role} null: a node-level file, no unit restarted).
 *
 * @param template the template it was rendered from; null for a file written without one
 * @param owner    {@code user:group} on the node; null for the user that installs it (root)
 */
public record RenderedFile(String path, String template, String content, String mode, Role role, String owner) {

    public RenderedFile(String path, String template, String content, String mode, Role role) {
        this(path, template, content, mode, role, null);
    }

    public RenderedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mode, "mode");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute: " + path);
        }
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the content, as {@code sha256sum} prints it. */
    public String sha256() {
        return sha256(bytes());
    }

    /** True for a systemd unit file (a change needs {@code systemctl daemon-reload}). */
    public boolean isUnit() {
        return path.endsWith(".service");
    }

    /** Without the content: some files hold the cluster's secrets, and this may end up in a message. */
    @Override
    public String toString() {
        return "RenderedFile[" + path + " " + mode + (owner == null ? "" : " " + owner) + " sha256 " + sha256() + "]";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
