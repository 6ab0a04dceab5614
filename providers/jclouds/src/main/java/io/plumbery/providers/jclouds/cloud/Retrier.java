package io.plumbery.providers.jclouds.cloud;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.JcloudsErrors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one retry loop of a cloud's calls: a call is tried again, within its {@link Backoff}, while the cloud's own
 * rule says it may be ({@code again}); each wait is said as progress; what fails in the end becomes the cloud's
 * {@link ProviderException} through its {@link Errors}. jclouds' own retry handler is switched off by the providers
 * that use this, so that there is one policy and its bounds are the documented ones.
 */
public final class Retrier {

    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    /** How one cloud words what went wrong. */
    public interface Errors {
        /** The cloud's own words for a failure ({@code InvalidSubnet.Conflict: ...}, {@code rateLimitExceeded: ...}). */
        String reason(Throwable cause);

        /**
         * The failure people see.
         *
         * @param tries {@code " (after N attempts)"} when it was tried more than once, else empty
         */
        ProviderException failure(String doing, Throwable cause, boolean retryable, String tries);
    }

    private final String provider;
    private final Backoff backoff;
    private final Consumer<String> progress;
    private final Errors errors;

    public Retrier(String provider, Backoff backoff, Consumer<String> progress, Errors errors) {
        this.provider = provider;
        this.backoff = backoff;
        this.progress = progress;
        this.errors = errors;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** Runs {@code call}, trying again while {@code again} holds for its (unwrapped) failure and attempts remain. */
    public <T> T run(String doing, Call<T> call, Predicate<Throwable> again) throws ProviderException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ProviderException e) {
                throw e;
            } catch (Exception e) {
                Throwable cause = JcloudsErrors.unwrap(e);
                boolean retryable = again.test(cause);
                if (!retryable || attempt >= backoff.attempts()) {
                    throw errors.failure(doing, cause, retryable, attempt > 1 ? " (after " + attempt + " attempts)" : "");
                }
                long millis = backoff.delay(attempt).toMillis();
                progress.accept(provider + ": " + doing + ": " + errors.reason(cause) + "; trying again in " + millis
                        + " ms (" + attempt + " of " + backoff.attempts() + ")");
                pause(Duration.ofMillis(millis));
            }
        }
    }

    /** Waits, as a provider's call: an interrupt ends the build with a message rather than a stack trace. */
    public void pause(Duration wait) throws ProviderException {
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(provider + ": interrupted while waiting to try again", true, e);
        }
    }
}
