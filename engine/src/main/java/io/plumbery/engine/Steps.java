package io.plumbery.engine;

import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.engine.cluster.ClusterProbe;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.engine.cluster.ClusterReady;
import io.plumbery.providers.NodeStatus;

import java.time.Duration;
import java.util.List;

/** The single steps of the actions; {@link CompositeActions} chains them into deploy, dispose and refresh. */
public final class Steps {

    private Steps() {
    }

    /** Builds what the plan adds or changes; in safeMode, nothing at all when that would replace or delete. */
    public static Outcome build(Session s, Selection selection, Progress progress, int parallel) {
        List<Planned> planned = Planner.deploy(s.plan(), s.store().current(), selection);
        if (s.plan().safeMode()) {
            List<Outcome.Failure> refused = planned.stream()
                    .filter(p -> p.change().action() == Action.REPLACE || p.change().action() == Action.DELETE)
                    .map(p -> new Outcome.Failure(p.change().address(), "safeMode is true: it would be "
                            + (p.change().action() == Action.REPLACE ? "replaced (" + p.change().reason() + ")"
                            : "deleted") + "; set 'safeMode: false' in the plan to allow it"))
                    .toList();
            if (!refused.isEmpty()) {
                return new Outcome(0, 0, refused);
            }
        }
        return new Applier(s, progress, parallel).apply(planned);
    }

    /** Starts the selected nodes that are not running. */
    public static Outcome start(Session s, Selection selection, Progress progress, int parallel) {
        List<String> stopped = Destroyer.nodes(s.plan(), s.store().current(), selection).stream()
                .filter(a -> s.store().current().nodes().get(a).record().status() != NodeStatus.RUNNING).toList();
        return new Power(s, progress, parallel).start(stopped);
    }

    public static Outcome stop(Session s, Selection selection, Progress progress, int parallel) {
        List<String> running = Destroyer.nodes(s.plan(), s.store().current(), selection).stream()
                .filter(a -> s.store().current().nodes().get(a).record().status() == NodeStatus.RUNNING).toList();
        return new Power(s, progress, parallel).stop(running);
    }

    public static Outcome destroy(Session s, Selection selection, Progress progress, int parallel) {
        return new Destroyer(s, progress, parallel)
                .destroy(Destroyer.targets(s.plan(), s.store().current(), selection));
    }

    /**
     * Waits for the cluster the plan describes (if any), sets its roles' weights and quota, and submits its apps. Skipped when its nodes are not
     * reachable (a provider that gives no SSH endpoint, such as the in-memory stub, built nothing real).
     */
    static Outcome cluster(Session s, Progress progress) {
        ClusterLayout layout = ClusterLayout.of(s.plan(), s.store().current());
        if (layout.isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        if (!ClusterLayout.reachable(s.store().current())) {
            progress.finished("cluster", "checks skipped", "its nodes are not reachable from here");
            return new Outcome(0, 0, List.of());
        }
        return new ClusterReady(new ClusterProbe(s.secrets().cluster().adminPrincipal(),
                NodeCertificates.client(s.workspace().tlsDir())), progress, Duration.ofMinutes(5), Duration.ofMinutes(3),
                Duration.ofSeconds(1)).await(layout, () -> ClusterRoles.apply(s, layout, progress));
    }
}
