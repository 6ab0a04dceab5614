package io.plumbery.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leading master's writer of its {@link Registry}, as Mesos's registrar: {@link #recover} on election reads it and
 * writes it back at once (naming this master), so that any older leader's next write is fenced off; then
 * {@link #apply} changes it. Changes queued while a write is in flight go out together in the next write (1,000 agents
 * registering at once cost a few writes, not 1,000), and each change's future completes, in the order the changes
 * were applied, only once the registry holding it is stored: a master acknowledges a durable change (an agent's
 * registration, tasks reported unreachable) only then. A failed write, a newer leader's version among its causes,
 * fails every pending change and calls the failure handler, which must stop this master from leading (Mesos aborts).
 *
 * <p>The opaque sections for other parts of the master: {@link #store(Section, JsonNode)} (done when durable) and
 * {@link #section(Section)}; {@link #onRecovered} listeners are told the recovered registry after each election,
 * under the master's state lock, after its state was reset and before it serves anything, so they must not block.
 */
public final class Registrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final RegistryStore store;
    private final RegistryConfig config;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "registrar");
        t.setDaemon(true);
        return t;
    });
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final List<Consumer<Registry>> recoveryListeners = new CopyOnWriteArrayList<>();
    private volatile Runnable onFailure = () -> { };
    // written on the writer thread only
    private volatile Registry current;
    private volatile long term;
    private int version;

    private record Pending(UnaryOperator<Registry> change, CompletableFuture<Registry> done, long term) {
    }

    public Registrar(RegistryStore store, RegistryConfig config) {
        this.store = store;
        this.config = config;
    }

    public RegistryConfig config() {
        return config;
    }

    /** What to do when a write fails: stop leading. */
    public void onFailure(Runnable handler) {
        onFailure = handler;
    }

    /** A listener told the recovered registry after each election (see the class comment for when). */
    public void onRecovered(Consumer<Registry> listener) {
        recoveryListeners.add(listener);
    }

    /** Called by the master once it installed a recovered registry, to tell the {@link #onRecovered} listeners. */
    public void recovered(Registry registry) {
        recoveryListeners.forEach(l -> l.accept(registry));
    }

    /**
     * Reads the registry as a newly elected leader and stores it back naming {@code leader} (changes still queued from
     * an earlier term fail). Blocks until done; throws if the registry cannot be read or written.
     */
    public Registry recover(MasterInfo leader) throws Exception {
        try {
            return writer.submit(() -> {
                term++;
                current = null;
                RegistryStore.Versioned read = store.read();
                Registry next = read.registry().withMaster(leader)
                        .pruned(config.maxAgentAge(), config.maxAgentCount(), nowNanos());
                version = store.write(next, read.version());
                current = next;
                LOG.info("Recovered the registry: {} agents admitted, {} unreachable, {} gone (version {})",
                        next.agents().size(), next.unreachable().size(), next.gone().size(), version);
                return next;
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Stops using the registry until the next {@link #recover} (this master no longer leads). */
    public void abandon() {
        writer.execute(() -> {
            term++;
            current = null;
        });
    }

    /** Applies a change; the future completes with the stored registry once it is durable. */
    public CompletableFuture<Registry> apply(UnaryOperator<Registry> change) {
        Pending pending = new Pending(change, new CompletableFuture<>(), term);
        queue.add(pending);
        try {
            writer.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.done.completeExceptionally(new IllegalStateException("The registrar is closed"));
        }
        return pending.done;
    }

    /** Stores an opaque section; done once durable. */
    public CompletableFuture<Registry> store(Section section, JsonNode value) {
        return apply(r -> r.with(section, value));
    }

    /** A section as last recovered or stored; empty before recovery, or if it was never stored. */
    public Optional<JsonNode> section(Section section) {
        Registry r = current;
        return r == null ? Optional.empty() : r.section(section);
    }

    /** The registry as last recovered or stored; empty while this master does not lead. */
    public Optional<Registry> current() {
        return Optional.ofNullable(current);
    }

    /** Applies every change queued so far in one write (none when they change nothing). */
    private void drain() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        Registry before = current;
        List<Pending> live = new ArrayList<>();
        Registry next = before;
        for (Pending p : batch) {
            if (before == null || p.term != term) {
                p.done.completeExceptionally(new IllegalStateException("This master no longer leads"));
            } else {
                next = p.change.apply(next);
                live.add(p);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        try {
            if (!next.equals(before)) {
                next = next.pruned(config.maxAgentAge(), config.maxAgentCount(), nowNanos());
                version = store.write(next, version);
                current = next;
            }
        } catch (Exception e) {
            LOG.error("Writing the registry failed; this master stops leading: {}", e.toString());
            term++;
            current = null;
            onFailure.run();
            live.forEach(p -> p.done.completeExceptionally(e));
            return;
        }
        Registry stored = next;
        live.forEach(p -> p.done.complete(stored));
    }

    private static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    @Override
    public void close() {
        writer.shutdownNow();
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done.completeExceptionally(new IllegalStateException("The registrar is closed"));
        }
    }
}
