package io.plumbery.node.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * The pauses of a {@link Wait}: {@code first} after the first attempt, multiplied by {@code factor} after
 * each further one, never above {@code max}.
 */
public record Backoff(Duration first, double factor, Duration max) {
    private static final Duration UNBOUNDED = Duration.ofMillis(Long.MAX_VALUE);

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("pauses must satisfy 0 <= first <= max, got " + first + " and " + max);
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
    }

    /** The same pause every time. */
    public static Backoff fixed(Duration pause) {
        return new Backoff(pause, 1, pause);
    }

    /** Growing by {@code factor} up to {@code max}. */
    public static Backoff exponential(Duration first, double factor, Duration max) {
        return new Backoff(first, factor, max);
    }

    /** Growing by {@code factor} without a ceiling (for a few attempts only). */
    public static Backoff exponential(Duration first, double factor) {
        return new Backoff(first, factor, UNBOUNDED);
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    public Duration after(int attempt) {
        double millis = first.toMillis();
        double ceiling = max.toMillis();
        for (int i = 1; i < attempt && millis < ceiling; i++) {
            millis *= factor;
        }
        return Duration.ofMillis((long) Math.min(millis, ceiling));
    }
}
