package io.plumbery.node.ssh;

import java.time.Duration;

/**
 * An open SSH connection to one node. Commands run through the login shell of the login user; paths are
 * absolute paths on the node. Transport failures and timeouts throw {@link SshException}; a command that
 * ran and failed is a {@link CommandResult} with its exit code, not an exception.
 */
public interface NodeSession extends AutoCloseable {

    /** {@code host:port} of the node, for messages. */
    String address();

    /** Runs {@code command} and waits up to {@code timeout} for it to exit. */
    CommandResult run(String command, Duration timeout);

    /** Writes {@code content} to {@code remotePath} over SFTP (the login user must be allowed to write it). */
    void upload(byte[] content, String remotePath);

    /** Reads a remote file over SFTP. */
    byte[] read(String remotePath);

    /**
     * Puts {@code content} at {@code remotePath} with {@code mode} unless the file there already has the
     * same SHA-256. With {@code privileged}, the check and install run through {@code sudo -n} and the
     * bytes go through a private staging file first.
     *
     * @return true when the file was written, false when it was already the same
     */
    default boolean putIfChanged(ContentSource content, String remotePath, String mode, boolean privileged) {
        return putIfChanged(java.util.List.of(new Upload(content, remotePath, mode)), privileged).get(0);
    }

    /**
     * {@link #putIfChanged(ContentSource, String, String, boolean)} for several files at once: one checksum
     * command for all, then one staging directory, one install command and one clean-up for the changed ones.
     *
     * @return for each upload, in order, whether it was written
     */
    java.util.List<Boolean> putIfChanged(java.util.List<Upload> uploads, boolean privileged);

    /** SHA-256 (lower-case hex) of each remote file that exists; missing files are absent from the map. */
    java.util.Map<String, String> sha256(java.util.List<String> remotePaths, boolean privileged);

    @Override
    void close();
}
