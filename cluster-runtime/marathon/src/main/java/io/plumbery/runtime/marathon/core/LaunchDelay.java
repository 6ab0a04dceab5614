package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;

/**
 * Marathon's launch backoff for one app: after each unexpected task end the next launch waits
 * {@code backoffSeconds * backoffFactor^n}, capped by {@code maxLaunchDelaySeconds}; a new config resets it.
 */
public final class LaunchDelay {
    private double currentSeconds;
    private long notBeforeMillis;

    public void failed(AppDefinition app, long nowMillis) {
        currentSeconds = currentSeconds == 0 ? app.backoffSeconds()
                : Math.min(currentSeconds * app.backoffFactor(), app.maxLaunchDelaySeconds());
        currentSeconds = Math.min(currentSeconds, app.maxLaunchDelaySeconds());
        notBeforeMillis = nowMillis + (long) (currentSeconds * 1000);
    }

    public void reset() {
        currentSeconds = 0;
        notBeforeMillis = 0;
    }

    public boolean overdue(long nowMillis) {
        return nowMillis >= notBeforeMillis;
    }

    public double timeLeftSeconds(long nowMillis) {
        return Math.max(0, (notBeforeMillis - nowMillis) / 1000.0);
    }

    public double currentSeconds() {
        return currentSeconds;
    }
}
