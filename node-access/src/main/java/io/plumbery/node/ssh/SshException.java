package io.plumbery.node.ssh;

/** An SSH operation failed: connection, authentication, transfer or a command that timed out. */
public class SshException extends RuntimeException {
    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
