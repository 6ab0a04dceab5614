package io.plumbery.bootstrap.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries with exponential backoff: at most {@code maxAttempts}, never past {@code totalTimeout},
 * the delay doubling from {@code initialDelay} up to {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration totalTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
    }

    /** For a node that is booting: up to 60 attempts within 3 minutes, 250 ms doubling to 5 s. */
    public static RetryPolicy nodeBoot() {
        return new RetryPolicy(60, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(3));
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        long millis = initialDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
