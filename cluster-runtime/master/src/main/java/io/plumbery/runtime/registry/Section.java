package io.plumbery.runtime.registry;

/**
 * The registry's opaque sections: JSON that other parts of the master (maintenance schedule, quota, weights) store
 * through {@link Registrar#store(Section, com.fasterxml.jackson.databind.JsonNode)} and find again, recovered, in
 * {@link Registrar#section(Section)} after an election. The registry never looks inside them.
 */
public enum Section {
    MAINTENANCE, QUOTA, WEIGHTS
}
