package io.plumbery.state;

import java.util.Objects;

/** A provider's record together with where it lives: which provider made it, in which facility. */
public record Placed<T>(String provider, String facility, T record) {
    public Placed {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(record, "record");
    }

    public Placed<T> with(T newRecord) {
        return new Placed<>(provider, facility, newRecord);
    }
}
