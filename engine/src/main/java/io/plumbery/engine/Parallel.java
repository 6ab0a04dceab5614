package io.plumbery.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs one task per item, at most {@code limit} at a time, and waits for all of them. */
final class Parallel {

    private Parallel() {
    }

    static <T> void forEach(List<T> items, int limit, Consumer<T> task) {
        if (items.isEmpty()) {
            return;
        }
        int threads = Math.max(1, Math.min(limit <= 0 ? items.size() : limit, items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plumbery-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a worker failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }
}
