package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns concurrent requests for the same vagrant verb into one call over all their machines. The engine
 * creates (starts, stops, destroys) a plan's nodes from parallel threads; one {@code vagrant up a b c}
 * runs the machines in parallel inside one Vagrant process, where one process per machine pays Vagrant's
 * Ruby start-up each time (measured: 12 machines up in 14.8 s in one call, 21.0 s in 12 processes).
 *
 * <p>The first caller of a verb leads: it waits until no other machine joined for {@code quiet} (at most
 * {@code gather}), runs the call and hands the one result to every caller. A caller that arrives after
 * the call started waits for the next one.
 */
final class Coalescer {

    interface Call {
        Exec.Result run(List<String> machines) throws ProviderException;
    }

    private static final class Batch {
        final List<String> machines = new ArrayList<>();
        final CompletableFuture<Exec.Result> done = new CompletableFuture<>();
        long lastJoin = System.nanoTime();
    }

    private final Duration quiet;
    private final Duration gather;
    private final Map<String, Batch> open = new HashMap<>();

    Coalescer(Duration quiet, Duration gather) {
        this.quiet = quiet;
        this.gather = gather;
    }

    /** The result of the call that included {@code machine}; waits at most {@code timeout} for it. */
    Exec.Result submit(String verb, String machine, Call call, Duration timeout) throws ProviderException {
        Batch batch;
        boolean leader;
        synchronized (this) {
            batch = open.get(verb);
            leader = batch == null;
            if (leader) {
                batch = new Batch();
                open.put(verb, batch);
            }
            if (!batch.machines.contains(machine)) {
                batch.machines.add(machine);
            }
            batch.lastJoin = System.nanoTime();
        }
        if (leader) {
            lead(verb, batch, call);
        }
        try {
            return batch.done.get(timeout.toMillis() + gather.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                throw p;
            }
            throw new ProviderException("vagrant " + verb + " failed: " + e.getCause(), false, e.getCause());
        } catch (TimeoutException e) {
            throw new ProviderException("vagrant " + verb + " of " + machine + " did not finish within "
                    + timeout.toSeconds() + " s", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting for vagrant " + verb, true, e);
        }
    }

    private void lead(String verb, Batch batch, Call call) {
        long start = System.nanoTime();
        List<String> machines;
        try {
            while (true) {
                long now = System.nanoTime();
                synchronized (this) {
                    if (now - batch.lastJoin >= quiet.toNanos() || now - start >= gather.toNanos()) {
                        open.remove(verb);
                        machines = List.copyOf(batch.machines);
                        break;
                    }
                }
                Thread.sleep(Math.max(1, quiet.toMillis() / 4));
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                open.remove(verb);
            }
            Thread.currentThread().interrupt();
            batch.done.completeExceptionally(new ProviderException("interrupted before vagrant " + verb, true, e));
            return;
        }
        try {
            batch.done.complete(call.run(machines));
        } catch (ProviderException | RuntimeException e) {
            batch.done.completeExceptionally(e);
        }
    }
}
