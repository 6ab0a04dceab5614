package io.plumbery.runtime.marathon.state;

/** The store could not keep (or read) a change: ZooKeeper unreachable or without quorum. Marathon answers 503. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
