package io.plumbery.fittings.placeholder;

import java.util.Optional;

/** The value of {@code {{ scope.attribute }}} at some stage, or empty when it has none (yet). */
@FunctionalInterface
public interface Lookup {
    Optional<String> value(String scope, String attribute);
}
