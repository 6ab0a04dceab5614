package io.plumbery.providers.jclouds.cloud;

import io.plumbery.providers.ProviderException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One lock a name, for the parts of a network its nodes ask for in parallel while they are built: one node makes the
 * part, the others wait and then find it.
 */
public final class NameLocks {

    public interface Locked<T> {
        T run() throws ProviderException;
    }

    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public <T> T holding(String name, Locked<T> action) throws ProviderException {
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            return action.run();
        }
    }
}
