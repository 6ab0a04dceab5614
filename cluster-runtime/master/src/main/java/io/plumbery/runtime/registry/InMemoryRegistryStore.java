package io.plumbery.runtime.registry;

/** The registry of a master that leads alone (no {@code --zk}): lost with the process, as Mesos's in_memory one. */
public final class InMemoryRegistryStore implements RegistryStore {
    private Versioned current = new Versioned(Registry.EMPTY, 0);

    @Override
    public synchronized Versioned read() {
        return current;
    }

    @Override
    public synchronized int write(Registry registry, int expectedVersion) throws Fenced {
        if (expectedVersion != current.version()) {
            throw new Fenced("The registry changed since version " + expectedVersion, null);
        }
        current = new Versioned(registry, expectedVersion + 1);
        return current.version();
    }
}
