package io.plumbery.providers;

public enum NodeStatus {
    /** Recorded before the provider was asked: it may or may not exist. */
    PENDING,
    RUNNING,
    STOPPED,
    /** The provider no longer knows this node. */
    GONE,
    /** The provider reports a state we do not map; see the record's attributes. */
    UNRECOGNIZED
}
