package io.plumbery.runtime.logging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process's verbose logging level, as libprocess keeps glog's {@code FLAGS_v}: 0 (the original) logs as the
 * services always do, 1 adds the runtime's own debug records, 2 and more its trace records. A level other than the
 * original lasts the given duration, then reverts; a later change replaces the pending revert. One per process, shared
 * by every service in it, as {@code FLAGS_v} is.
 */
public final class VerboseLevel {
    private static final int ORIGINAL = 0;
    private static final VerboseLevel PROCESS = new VerboseLevel(Logger.getLogger("io.plumbery"));
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerboseLevel.class);

    // held here: java.util.logging keeps only weak references to its loggers, and would forget the level set on them
    private final Logger runtime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "logging-revert");
        t.setDaemon(true);
        return t;
    });
    private int level = ORIGINAL;
    private ScheduledFuture<?> revert;

    VerboseLevel(Logger runtime) {
        this.runtime = runtime;
    }

    /** The level of this process. */
    public static VerboseLevel process() {
        return PROCESS;
    }

    public synchronized int level() {
        return level;
    }

    /** Sets the level; unless it is the original one, it goes back to the original after {@code duration}. */
    public synchronized void set(int newLevel, Duration duration) {
        apply(newLevel);
        if (revert != null) {
            revert.cancel(false);
            revert = null;
        }
        if (newLevel != ORIGINAL) {
            ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
            self[0] = timer.schedule(() -> revert(self[0]), Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS);
            revert = self[0];
        }
    }

    /** The level set at start, below which the toggle endpoint does not go. */
    public int original() {
        return ORIGINAL;
    }

    private synchronized void revert(ScheduledFuture<?> which) {
        // a revert that lost the race against a later change must not undo it
        if (which != null && which == revert) {
            revert = null;
            apply(ORIGINAL);
        }
    }

    private void apply(int newLevel) {
        if (newLevel != level) {
            LOG.info("Setting verbose logging level to {}", newLevel);
            level = newLevel;
            runtime.setLevel(newLevel <= ORIGINAL ? null : newLevel == 1 ? Level.FINE : Level.FINEST);
        }
    }
}
