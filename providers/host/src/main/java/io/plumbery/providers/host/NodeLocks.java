package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One action at a time per node within this process (the engine's state lock covers processes). */
public final class NodeLocks {

    public interface Action<T> {
        T run() throws ProviderException;
    }

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private NodeLocks() {
    }

    /** Runs {@code action} holding the lock of the node whose directory is {@code nodeDir}. */
    public static <T> T with(Path nodeDir, Action<T> action) throws ProviderException {
        ReentrantLock lock = LOCKS.computeIfAbsent(nodeDir.toAbsolutePath().normalize(), k -> new ReentrantLock());
        lock.lock();
        try {
            return action.run();
        } finally {
            lock.unlock();
        }
    }
}
