package io.plumbery.state;

/** The state file cannot be read, written or locked; the message names the file. */
public class StateException extends Exception {

    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
