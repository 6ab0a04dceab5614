package io.plumbery.runtime.dns;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded pools of daemon threads: under overload work is refused (a query dropped) rather than queued forever. */
final class Workers {
    private Workers() {
    }

    static ThreadPoolExecutor bounded(String name, int threads, int queue, RejectedExecutionHandler overflow) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, overflow);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static Thread daemon(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        return t;
    }
}
