package io.plumbery.runtime.marathon.core;

import java.time.Instant;

/** Results of one health check of one task, as Marathon reports them (healthCheckResults). Core thread only. */
public final class HealthState {
    Boolean alive;
    int consecutiveFailures;
    String firstSuccess;
    String lastSuccess;
    String lastFailure;
    String lastFailureCause;
    long nextCheckAt;
    boolean inFlight;

    /** Records an outcome; answers whether "alive" changed. Failures within the grace period before a success do not count. */
    boolean record(boolean ok, String cause, boolean inGrace) {
        Boolean before = alive;
        String now = Instant.now().toString();
        if (ok) {
            consecutiveFailures = 0;
            if (firstSuccess == null) {
                firstSuccess = now;
            }
            lastSuccess = now;
            alive = true;
        } else {
            lastFailure = now;
            lastFailureCause = cause;
            if (!(inGrace && firstSuccess == null)) {
                consecutiveFailures++;
                alive = false;
            }
        }
        return !java.util.Objects.equals(before, alive);
    }

    public Boolean alive() {
        return alive;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String firstSuccess() {
        return firstSuccess;
    }

    public String lastSuccess() {
        return lastSuccess;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public String lastFailureCause() {
        return lastFailureCause;
    }
}
