package io.plumbery.node.wait;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The one way plumbery waits for something it cannot be told about (a port, a service, a process that is
 * gone, a provider that was busy): attempts with pauses between them, bounded by a number of attempts, a
 * total time, or both, in the style of jclouds' {@code Predicates2.retry} and Awaitility.
 *
 * <p>After an attempt that did not succeed the wait stops when the attempts are used up or the deadline has
 * passed; otherwise it pauses as the {@link Backoff} says, but never past the deadline, so that the last
 * attempt happens at the deadline at the latest. An exception from an attempt ends the wait at once unless
 * {@link #retryingOn} accepts it; then it is the {@link Result#failure() last failure} the result reports.
 * Instances are immutable; each {@code with} method returns a copy.
 */
public final class Wait {

    /** One attempt: a value to test, or an exception. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /** Pauses between attempts; tests may pass one that does not really wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Told before each pause, with what the attempt just made gave (a value or a failure, the other null). */
    @FunctionalInterface
    public interface Retrying<T> {
        void next(int attempt, T value, Exception failure);
    }

    /**
     * How a wait ended.
     *
     * @param done        an attempt succeeded; {@link #last} is its value
     * @param last        the value of the last attempt that returned one (null when none did)
     * @param failure     the last exception accepted by {@link #retryingOn} (null when there was none)
     * @param attempts    how many attempts were made
     * @param elapsed     from the first attempt to the end
     * @param interrupted the thread was interrupted during a pause (its interrupt flag is set again)
     */
    public record Result<T>(boolean done, T last, Exception failure, int attempts, Duration elapsed,
                            boolean interrupted) {
    }

    private static final Predicate<Exception> NONE = e -> false;
    private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    private final int maxAttempts;
    private final Duration timeout;
    private final Backoff backoff;
    private final Predicate<? super Exception> retryOn;
    private final Sleeper sleeper;

    private Wait(int maxAttempts, Duration timeout, Backoff backoff, Predicate<? super Exception> retryOn,
                 Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** At most {@code attempts} attempts, and nothing started after {@code timeout}. */
    public static Wait upTo(int attempts, Duration timeout) {
        return new Wait(attempts, Objects.requireNonNull(timeout, "timeout"), Backoff.fixed(Duration.ZERO), NONE,
                THREAD_SLEEP);
    }

    /** At most {@code attempts} attempts, however long each takes. */
    public static Wait upTo(int attempts) {
        return new Wait(attempts, null, Backoff.fixed(Duration.ZERO), NONE, THREAD_SLEEP);
    }

    /** Every {@code interval} until {@code timeout}: the usual poll. */
    public static Wait polling(Duration timeout, Duration interval) {
        return upTo(Integer.MAX_VALUE, timeout).pausing(Backoff.fixed(interval));
    }

    public Wait pausing(Backoff pauses) {
        return new Wait(maxAttempts, timeout, pauses, retryOn, sleeper);
    }

    /** Exceptions that mean "not yet" rather than "stop": the next attempt follows. */
    public Wait retryingOn(Predicate<? super Exception> retryable) {
        return new Wait(maxAttempts, timeout, backoff, retryable, sleeper);
    }

    public Wait sleeper(Sleeper pauses) {
        return new Wait(maxAttempts, timeout, backoff, retryOn, pauses);
    }

    /** True once {@code condition} holds; false when the wait ran out (or was interrupted) first. */
    public boolean until(BooleanSupplier condition) {
        return until(condition::getAsBoolean, Boolean::booleanValue).done();
    }

    /** Attempts until one returns without an exception. */
    public <T, E extends Exception> Result<T> retry(Attempt<T, E> attempt) throws E {
        return until(attempt, value -> true);
    }

    /** Attempts until one returns a value {@code done} accepts. */
    public <T, E extends Exception> Result<T> until(Attempt<T, E> attempt, Predicate<? super T> done) throws E {
        return until(attempt, done, (n, value, failure) -> { });
    }

    /**
     * Attempts until one returns a value {@code done} accepts, telling {@code retrying} before each pause.
     *
     * @throws E the exception of an attempt that {@link #retryingOn} does not accept, at once
     */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> Result<T> until(Attempt<T, E> attempt, Predicate<? super T> done,
                                                    Retrying<? super T> retrying) throws E {
        long started = System.nanoTime();
        T last = null;
        Exception failure = null;
        int attempts = 0;
        while (true) {
            attempts++;
            T value = null;
            Exception failed = null;
            try {
                value = attempt.run();
                if (done.test(value)) {
                    return new Result<>(true, value, failure, attempts, since(started), false);
                }
                last = value;
            } catch (Exception e) {
                if (!retryOn.test(e)) {
                    throw (E) e; // the attempt declares E; a RuntimeException passes through the cast unchanged
                }
                failed = e;
                failure = e;
            }
            Duration left = timeout == null ? null : timeout.minus(since(started));
            if (attempts >= maxAttempts || left != null && (left.isNegative() || left.isZero())) {
                return new Result<>(false, last, failure, attempts, since(started), false);
            }
            retrying.next(attempts, value, failed);
            Duration pause = backoff.after(attempts);
            if (left != null) {
                // whole milliseconds, rounded up: the last pause reaches the deadline rather than stopping short
                Duration rest = Duration.ofMillis((left.toNanos() + 999_999) / 1_000_000);
                pause = rest.compareTo(pause) < 0 ? rest : pause;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(false, last, failure, attempts, since(started), true);
            }
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
