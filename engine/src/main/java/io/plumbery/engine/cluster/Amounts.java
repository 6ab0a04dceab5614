package io.plumbery.engine.cluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Resource amounts as {@code plan} and {@code information} print them: {@code cpus:2 mem:1024}. */
public final class Amounts {

    private Amounts() {
    }

    /** {@code cpus:2 mem:1024}, by name; {@code none} when empty. */
    public static String show(Map<String, Double> amounts) {
        return amounts.isEmpty() ? "none" : new TreeMap<>(amounts).entrySet().stream()
                .map(e -> e.getKey() + ":" + number(e.getValue())).collect(Collectors.joining(" "));
    }

    /** {@code 2} rather than {@code 2.0}; {@code 0.5} as it is. */
    public static String number(double n) {
        return n == Math.rint(n) && !Double.isInfinite(n) ? String.valueOf((long) n) : String.valueOf(n);
    }
}
