package io.plumbery.runtime.marathon.core;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduler's one thread ({@code marathon-core}): Mesos events, ticks, health results and the API's operations
 * all run here, one after the other, so that the {@link SchedulerState} needs no locks.
 */
final class CoreThread implements Executor, AutoCloseable {
    static final String NAME = "marathon-core";
    private volatile Thread thread;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, NAME);
        t.setDaemon(true);
        thread = t;
        return t;
    });

    /** Whether the caller runs on this core thread (another scheduler's, in the same JVM, is not it). */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable work) {
        executor.execute(work);
    }

    void everyMillis(long millis, Runnable work) {
        executor.scheduleWithFixedDelay(work, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs on the core thread and waits (bounded) for the answer; RuntimeExceptions pass through. */
    <T> T call(Callable<T> work) {
        try {
            return executor.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The scheduler did not answer within 30 s", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
