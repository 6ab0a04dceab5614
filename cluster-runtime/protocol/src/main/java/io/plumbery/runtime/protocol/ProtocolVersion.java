package io.plumbery.runtime.protocol;

/**
 * The Mesos release whose APIs the master and agent speak; both report it ({@code /version}, MasterInfo, agent
 * registration), so it lives with the protocol rather than with either of them.
 */
public final class ProtocolVersion {
    public static final String MESOS = "1.11.0";

    private ProtocolVersion() {
    }
}
