package io.plumbery.engine;

import io.plumbery.providers.ProviderException;

import java.time.Duration;

/**
 * Calls a provider again when it says a failure is retryable (a busy API, a timeout): a few times,
 * with growing pauses, never for ever.
 */
final class Retry {

    static final int ATTEMPTS = 3;
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    interface Call<T> {
        T run() throws ProviderException;
    }

    private Retry() {
    }

    static <T> T call(Call<T> call) throws ProviderException {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ProviderException e) {
                if (!e.retryable() || attempt >= ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(3);
            }
        }
    }
}
