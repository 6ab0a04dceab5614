package io.plumbery.bootstrap.flow;

import java.time.Duration;
import java.util.Locale;

/**
 * One progress event: a node entered, finished or failed a step.
 *
 * @param elapsed time since this node's bootstrap began
 * @param detail  what happened, e.g. {@code 2 changed, 6 unchanged}; may be empty
 */
public record Progress(String node, Step step, Status status, Duration elapsed, String detail) {

    public enum Status {
        STARTED,
        /** an attempt failed and will be retried (connecting while the node boots) */
        RETRYING,
        DONE,
        FAILED
    }

    /** {@code master1  upload-files  done  1.3s  2 changed, 6 unchanged}: the line the CLI prints. */
    public String toLine() {
        String seconds = String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
        String line = String.format(Locale.ROOT, "%-12s %-15s %-8s %6s", node, step.label(),
                status.name().toLowerCase(Locale.ROOT), seconds);
        return detail == null || detail.isEmpty() ? line.stripTrailing() : line + "  " + detail;
    }
}
