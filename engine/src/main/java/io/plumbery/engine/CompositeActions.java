package io.plumbery.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The actions made of several {@link Steps}: deploy, dispose and refresh. */
public final class CompositeActions {

    private CompositeActions() {
    }

    /** Builds, starts and polishes the nodes, then waits for the cluster and submits its apps. */
    public static Outcome deploy(Session s, Selection selection, Progress progress, int parallel) {
        return chain(progress, deploying(s, selection, progress, parallel));
    }

    /** Stops the nodes cleanly, then destroys everything the state records. */
    public static Outcome dispose(Session s, Selection selection, Progress progress, int parallel) {
        return chain(progress, disposing(s, selection, progress, parallel));
    }

    /** Dispose then deploy, as one chain: fresh nodes from the same plan. */
    public static Outcome refresh(Session s, Selection selection, Progress progress, int parallel) {
        List<Phase> phases = new ArrayList<>(disposing(s, selection, progress, parallel));
        phases.addAll(deploying(s, selection, progress, parallel));
        return chain(progress, phases);
    }

    private static List<Phase> deploying(Session s, Selection selection, Progress progress, int parallel) {
        return List.of(
                new Phase("build", () -> Steps.build(s, selection, progress, parallel)),
                new Phase("start", () -> Steps.start(s, selection, progress, parallel)),
                new Phase("polish", () -> Polishing.polish(s, selection, progress, parallel)),
                new Phase("cluster", () -> Steps.cluster(s, progress)));
    }

    private static List<Phase> disposing(Session s, Selection selection, Progress progress, int parallel) {
        return List.of(
                new Phase("stop", () -> Steps.stop(s, selection, progress, parallel)),
                new Phase("destroy", () -> Steps.destroy(s, selection, progress, parallel)));
    }

    /** A named step of a composite action. */
    private record Phase(String name, Supplier<Outcome> step) {
    }

    /**
     * Runs phases in order and stops at the first that fails; counts add up, and the time of each phase
     * is printed at the end, so a slow deploy shows where its time went.
     */
    private static Outcome chain(Progress progress, List<Phase> phases) {
        int changed = 0;
        int unchanged = 0;
        List<Outcome.Failure> failures = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Phase phase : phases) {
            long start = System.nanoTime();
            Outcome o = phase.step().get();
            times.add(String.format(Locale.ROOT, "%s %.1fs", phase.name(), (System.nanoTime() - start) / 1e9));
            changed += o.changed();
            unchanged += o.unchanged();
            failures.addAll(o.failures());
            if (!o.ok()) {
                break;
            }
        }
        if (phases.size() > 1) {
            progress.note("phases: " + String.join(", ", times));
        }
        return new Outcome(changed, unchanged, failures);
    }
}
