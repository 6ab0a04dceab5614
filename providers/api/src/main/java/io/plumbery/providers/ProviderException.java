package io.plumbery.providers;

/**
 * A failure a person can act on: the message says what was being done, to what, and why it failed.
 * {@code retryable} tells the engine whether trying the same call again may succeed (a timeout, a
 * busy API) or not (bad credentials, an image that does not exist).
 */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ProviderException(String message) {
        this(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
