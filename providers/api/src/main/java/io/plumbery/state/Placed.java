package io.plumbery.state;

import java.util.Map;
import java.util.Objects;

/**
 * A provider's record together with where it lives (which provider made it, in which facility) and what the plan
 * asked for when it was built ({@code spec}: e.g. a node's cpu and memory), so that a later plan that asks for
 * something else is seen as a change. {@code spec} is empty for what was recorded before it existed.
 */
public record Placed<T>(String provider, String facility, T record, Map<String, String> spec) {
    public Placed {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(record, "record");
        spec = spec == null ? Map.of() : Map.copyOf(spec);
    }

    public Placed(String provider, String facility, T record) {
        this(provider, facility, record, Map.of());
    }

    /** The same resource with a newer record from its provider; the spec it was built with stays. */
    public Placed<T> with(T newRecord) {
        return new Placed<>(provider, facility, newRecord, spec);
    }
}
