package io.plumbery.runtime.protocol;

/** FrameworkID, AgentID, TaskID, OfferID, ExecutorID: all are {"value": "..."} in Mesos JSON. */
public record Id(String value) {
    public static Id of(String value) {
        return value == null ? null : new Id(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
