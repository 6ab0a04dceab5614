package io.plumbery.bootstrap.flow;

/** Carries a {@link NodeFailure} out of a step (internal control flow, never escapes the bootstrapper). */
final class StepFailed extends RuntimeException {
    private final transient NodeFailure failure;

    StepFailed(NodeFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    NodeFailure failure() {
        return failure;
    }
}
