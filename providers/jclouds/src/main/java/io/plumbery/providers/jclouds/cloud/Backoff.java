package io.plumbery.providers.jclouds.cloud;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * How often and how patiently a call refused for throttling is tried again: {@code attempts} in all, waiting
 * {@code first}, then twice as long each time, never more than {@code max}. Bounded both ways, so a throttled
 * build slows down and then fails with a message instead of hammering the API or hanging.
 */
public record Backoff(int attempts, Duration first, Duration max) {

    /** What EC2 and GCE are tried with unless their settings say otherwise: 6 attempts, 1 s doubled up to 20 s. */
    public static final Backoff CLOUD = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(20));

    public Backoff {
        if (attempts < 1 || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("bad backoff " + attempts + " " + first + " " + max);
        }
    }

    /** The wait after failed attempt {@code n} (1 for the first). */
    public Duration delay(int n) {
        Duration delay = first;
        for (int i = 1; i < n && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * The facility's own, from two of its settings: {@code retriesKey} (attempts in all, 1 to 20) and
     * {@code delayKey} (the first wait in milliseconds, 1 to 60000; the longest is twenty times that); {@link #CLOUD}'s
     * where they are not set.
     */
    public static Backoff of(ProviderSettings settings, String provider, String retriesKey, String delayKey)
            throws ProviderException {
        int retries = number(settings, provider, retriesKey, CLOUD.attempts(), 20);
        int firstDelay = number(settings, provider, delayKey, (int) CLOUD.first().toMillis(), 60_000);
        return new Backoff(retries, Duration.ofMillis(firstDelay), Duration.ofMillis(20L * firstDelay));
    }

    private static int number(ProviderSettings settings, String provider, String key, int fallback, int max)
            throws ProviderException {
        Optional<String> value = settings.option(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get().strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ProviderException(provider + ": providerSettings " + key + " must be a number from 1 to " + max
                + ", not '" + value.get() + "'");
    }
}
