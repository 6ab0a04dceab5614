package io.plumbery.providers.jclouds.cloud;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.JcloudsErrors;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one retry loop of a cloud's calls: a call is tried again, within its {@link Backoff}, while the cloud's own
 * rule says it may be ({@code again}); each wait is said as progress, with the cloud's reason; what fails in the end
 * becomes the cloud's {@link ProviderException} ({@link Failure}). jclouds' own retry handler is switched off by the providers
 * that use this, so that there is one policy and its bounds are the documented ones.
 */
public final class Retrier {

    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    /** The failure people see, in one cloud's words. */
    @FunctionalInterface
    public interface Failure {
        /**
         * @param tries {@code " (after N attempts)"} when it was tried more than once, else empty
         */
        ProviderException of(String doing, Throwable cause, boolean retryable, String tries);
    }

    private final String provider;
    private final Backoff backoff;
    private final Consumer<String> progress;
    private final Function<Throwable, String> reason;
    private final Failure failure;
    private final Function<Throwable, Optional<Duration>> asked;

    /**
     * @param reason  the cloud's own words for a failure ({@code InvalidSubnet.Conflict: ...}), said while waiting
     * @param failure what is thrown when no attempt is left or the failure is not one to try again
     */
    public Retrier(String provider, Backoff backoff, Consumer<String> progress, Function<Throwable, String> reason,
                   Failure failure) {
        this(provider, backoff, progress, reason, failure, cause -> Optional.empty());
    }

    /**
     * As above, for a cloud that says how long to wait ({@code Retry-After}): its wait is taken instead of the
     * backoff's, never longer than the backoff's longest.
     */
    public Retrier(String provider, Backoff backoff, Consumer<String> progress, Function<Throwable, String> reason,
                   Failure failure, Function<Throwable, Optional<Duration>> asked) {
        this.asked = asked;
        this.provider = provider;
        this.backoff = backoff;
        this.progress = progress;
        this.reason = reason;
        this.failure = failure;
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
                    throw failure.of(doing, cause, retryable, attempt > 1 ? " (after " + attempt + " attempts)" : "");
                }
                long millis = asked.apply(cause).map(w -> w.compareTo(backoff.max()) > 0 ? backoff.max() : w)
                        .orElse(backoff.delay(attempt)).toMillis();
                progress.accept(provider + ": " + doing + ": " + reason.apply(cause) + "; trying again in " + millis
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
