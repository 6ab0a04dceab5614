package io.plumbery.node.ssh;

import java.util.Objects;

/** One file to put on a node: content, absolute remote path, octal mode such as {@code 0644}. */
public record Upload(ContentSource content, String remotePath, String mode) {
    public Upload {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(remotePath, "remotePath");
        if (!mode.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode must be octal, got " + mode);
        }
    }
}
