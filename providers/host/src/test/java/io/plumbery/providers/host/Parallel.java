package io.plumbery.providers.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** One call per item, all at once on threads of their own, as the engine calls a provider for a plan's nodes. */
public final class Parallel {

    public interface Call<T, R> {
        R call(T item) throws Exception;
    }

    private Parallel() {
    }

    /** The calls' results in the items' order, or the first failure in that order (the other calls are interrupted). */
    public static <T, R> List<R> map(List<T> items, Call<T, R> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> call.call(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
