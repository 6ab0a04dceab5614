package io.plumbery.runtime.logging;

import java.time.Duration;
import java.util.Map;

/** A duration as Mesos's flags and endpoints write it ({@code 10secs}, {@code 1.5mins}, {@code 200ms}), stout's units. */
final class StoutDuration {
    private static final Map<String, Double> NANOS = Map.of("ns", 1d, "us", 1e3, "ms", 1e6, "secs", 1e9,
            "mins", 60e9, "hrs", 3600e9, "days", 86400e9, "weeks", 604800e9);

    private StoutDuration() {
    }

    /** The duration, or IllegalArgumentException with stout's sentence. */
    static Duration parse(String text) {
        int index = 0;
        while (index < text.length() && (Character.isDigit(text.charAt(index)) || text.charAt(index) == '.')) {
            index++;
        }
        if (index == text.length()) {
            throw new IllegalArgumentException("Invalid duration '" + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(0, index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Failed to convert '" + text.substring(0, index) + "' to number");
        }
        String unit = text.substring(index);
        Double nanos = NANOS.get(unit);
        if (nanos == null) {
            throw new IllegalArgumentException("Unknown duration unit '" + unit + "'");
        }
        return Duration.ofNanos((long) (value * nanos));
    }
}
