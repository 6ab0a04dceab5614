package io.plumbery.runtime.election;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A framework instance's standing in its leader election (its {@link Candidacy} of the moment), and the one thread on
 * which the election's news, the leader's start and stop, and the instance's close take turns, so that none of them
 * runs while another does.
 */
public final class FrameworkElection {
    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> lifecycle = new AtomicReference<>(State.LATENT);
    private final ScheduledExecutorService turns;
    private volatile Candidacy candidacy;

    /** {@code threadName}: the name of the thread the turns are taken on. */
    public FrameworkElection(String threadName) {
        turns = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Once only: the instance is starting. */
    public void start() {
        if (!lifecycle.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("already started");
        }
    }

    /** Started and not yet closed. */
    public boolean running() {
        return lifecycle.get() == State.STARTED;
    }

    /** Where candidacies are to tell their news: the thread of the turns. */
    public Executor turns() {
        return turns;
    }

    public void execute(Runnable turn) {
        turns.execute(turn);
    }

    public void schedule(Runnable turn, long delay, TimeUnit unit) {
        turns.schedule(turn, delay, unit);
    }

    /** Stands in the election with {@code c}, in place of none. */
    public void stand(Candidacy c) throws Exception {
        candidacy = c;
        c.start();
    }

    /** Leaves the election; whether the instance stood in it. */
    public boolean leave() {
        Candidacy c = candidacy;
        candidacy = null;
        if (c == null) {
            return false;
        }
        c.close();
        return true;
    }

    /** Whether the instance stands in the election and is elected. */
    public boolean elected() {
        Candidacy c = candidacy;
        return c != null && c.leads();
    }

    /** {@link Candidacy#leaderId()}; none while the instance does not stand. */
    public Optional<String> leaderId() {
        Candidacy c = candidacy;
        return c == null ? Optional.empty() : c.leaderId();
    }

    /** {@link Candidacy#leaderElsewhere()}; none while the instance does not stand. */
    public Optional<String> leaderElsewhere() {
        Candidacy c = candidacy;
        return c == null ? Optional.empty() : c.leaderElsewhere();
    }

    /**
     * Closes once, if started: {@code stepDown} and leaving the election in a last turn (10 s at most), the thread
     * ended, then {@code after} (what the instance closes behind them) even when the last turn failed.
     */
    public void close(Runnable stepDown, AutoCloseable after) throws Exception {
        if (lifecycle.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        try {
            turns.submit(() -> {
                stepDown.run();
                leave();
            }).get(10, TimeUnit.SECONDS);
        } finally {
            turns.shutdownNow();
            after.close();
        }
    }
}
