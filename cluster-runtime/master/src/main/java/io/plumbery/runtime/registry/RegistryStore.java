package io.plumbery.runtime.registry;

/** Where the registry lives: read with its version, written only over the version read (else {@link Fenced}). */
public interface RegistryStore {

    /** The registry and the version to write over; an empty registry where none was ever written. */
    Versioned read() throws Exception;

    /** Writes over {@code expectedVersion}; returns the new version. */
    int write(Registry registry, int expectedVersion) throws Exception;

    record Versioned(Registry registry, int version) {
    }

    /** Someone wrote the registry since this master read it: a newer leader exists, this one must stop leading. */
    final class Fenced extends Exception {
        public Fenced(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
