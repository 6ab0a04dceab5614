package io.plumbery.runtime.master;

/** An agent the registry marks gone tries to register again: it is refused, in Mesos's words. */
public final class AgentGoneException extends RuntimeException {
    public static final String MESSAGE = "Agent has been marked gone";

    AgentGoneException() {
        super(MESSAGE);
    }
}
