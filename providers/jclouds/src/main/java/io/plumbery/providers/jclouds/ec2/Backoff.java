package io.plumbery.providers.jclouds.ec2;

import java.time.Duration;

/**
 * How often and how patiently a call refused for throttling is tried again: {@code attempts} in all, waiting
 * {@code first}, then twice as long each time, never more than {@code max}. Bounded both ways, so a throttled
 * build slows down and then fails with a message instead of hammering the API or hanging.
 */
record Backoff(int attempts, Duration first, Duration max) {

    static final Backoff EC2 = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(20));

    Backoff {
        if (attempts < 1 || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("bad backoff " + attempts + " " + first + " " + max);
        }
    }

    /** The wait after failed attempt {@code n} (1 for the first). */
    Duration delay(int n) {
        Duration delay = first;
        for (int i = 1; i < n && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
