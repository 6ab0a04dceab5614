package io.plumbery.runtime.marathon.core;

import java.time.Instant;

/** Strictly increasing ISO-8601 versions, as Marathon's. Core thread only. */
final class VersionClock {
    private long lastMillis;

    String next() {
        long now = Math.max(System.currentTimeMillis(), lastMillis + 1);
        lastMillis = now;
        return Instant.ofEpochMilli(now).toString().replaceFirst("(\\.\\d{3})?Z$", "") + "."
                + String.format("%03d", now % 1000) + "Z";
    }
}
