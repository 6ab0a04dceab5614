package io.plumbery.node.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file to put on a node: content, absolute remote path, octal mode such as {@code 0644}, and its owner.
 *
 * @param owner {@code user:group} the file is given; null for the user that installs it (root through sudo)
 */
public record Upload(ContentSource content, String remotePath, String mode, String owner) {

    /** A user and a group as {@code useradd} accepts them: nothing a shell or {@code install} would read otherwise. */
    private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}:[a-z_][a-z0-9_-]{0,31}");

    public Upload(ContentSource content, String remotePath, String mode) {
        this(content, remotePath, mode, null);
    }

    public Upload {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(remotePath, "remotePath");
        if (!mode.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode must be octal, got " + mode);
        }
        if (owner != null && !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner must be user:group, got " + owner);
        }
    }

    /** The options of {@code install} that give the file its mode and owner. */
    String installOptions() {
        return "-m " + mode + (owner == null ? ""
                : " -o " + owner.substring(0, owner.indexOf(':')) + " -g " + owner.substring(owner.indexOf(':') + 1));
    }
}
