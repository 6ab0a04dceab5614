package io.plumbery.providers.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions of the host that nothing notifies us about. */
final class Await {

    private Await() {
    }

    /** True as soon as the condition holds, false when {@code timeout} passed without it. */
    static boolean until(Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(Math.min(interval.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
