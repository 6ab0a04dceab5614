package io.plumbery.engine;

import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.state.Placed;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts and stops recorded nodes, in parallel, recording their new status. */
public final class Power {

    private final StateStore store;
    private final ProviderPool providers;
    private final Progress progress;
    private final int parallel;

    public Power(Session session, Progress progress, int parallel) {
        this.store = session.store();
        this.providers = session.providers();
        this.progress = progress;
        this.parallel = parallel;
    }

    public Outcome start(List<String> nodes) {
        return each(nodes, "starting", "running", (p, n) -> p.startNode(n));
    }

    public Outcome stop(List<String> nodes) {
        return each(nodes, "stopping", "stopped", (p, n) -> p.stopNode(n));
    }

    private interface Step {
        NodeRecord apply(io.plumbery.providers.Provider provider, NodeRecord node) throws ProviderException;
    }

    private Outcome each(List<String> nodes, String doing, String done, Step step) {
        List<Outcome.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger count = new AtomicInteger();
        Parallel.forEach(nodes, parallel, address -> {
            Placed<NodeRecord> placed = store.current().nodes().get(address);
            progress.started(address, doing);
            try {
                NodeRecord after = Retry.call(() -> step.apply(providers.get(placed.provider(), placed.facility()),
                        placed.record()));
                store.update(s -> s.withNode(address, placed.with(after)));
                count.incrementAndGet();
                progress.finished(address, done, null);
            } catch (ProviderException | StateException e) {
                progress.failed(address, doing, e.getMessage());
                failures.add(new Outcome.Failure(address, e.getMessage()));
            }
        });
        return new Outcome(count.get(), 0, failures);
    }
}
