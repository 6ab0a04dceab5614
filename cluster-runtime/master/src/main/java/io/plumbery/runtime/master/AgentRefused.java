package io.plumbery.runtime.master;

/** The master refuses an agent's registration (its machine is DOWN, or it was marked gone): Mesos's shutdown message. */
public final class AgentRefused extends RuntimeException {
    public static final String GONE = "Agent has been marked gone";

    public AgentRefused(String message) {
        super(message);
    }
}
