package io.plumbery.engine;

import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.ProviderException;

import java.time.Duration;

/**
 * Calls a provider again when it says a failure is retryable (a busy API, a timeout): a few times,
 * with growing pauses, never for ever.
 */
final class Retry {

    static final int ATTEMPTS = 3;
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Wait CALLS = Wait.upTo(ATTEMPTS).pausing(Backoff.exponential(FIRST_PAUSE, 3))
            .retryingOn(e -> e instanceof ProviderException p && p.retryable());

    interface Call<T> {
        T run() throws ProviderException;
    }

    private Retry() {
    }

    static <T> T call(Call<T> call) throws ProviderException {
        Wait.Result<T> result = CALLS.retry(call::run);
        if (!result.done()) {
            throw (ProviderException) result.failure();
        }
        return result.last();
    }
}
