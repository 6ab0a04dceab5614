package io.plumbery.engine;

import java.util.List;

/** What an action did, counted, and what it could not do, with reasons. */
public record Outcome(int changed, int unchanged, List<Failure> failures) {

    public record Failure(String address, String reason) {
    }

    public Outcome {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
