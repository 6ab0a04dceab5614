package io.plumbery.runtime.master;

import java.util.Optional;

/** Why the master refuses an operator's call: the HTTP status Mesos answers with, and its text. */
public record Refusal(int status, String message) {
    static Optional<Refusal> bad(String message) {
        return Optional.of(new Refusal(400, message));
    }
}
