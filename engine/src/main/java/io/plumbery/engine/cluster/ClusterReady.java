package io.plumbery.engine.cluster;

import io.plumbery.engine.Outcome;
import io.plumbery.engine.Progress;
import io.plumbery.node.wait.Wait;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The last step of deploy on a plan with a cluster: wait until the cluster works (a ZooKeeper quorum
 * behind one leading master that the others redirect to, every agent registered, a Marathon leader),
 * submit the plan's apps, and wait for the first one to be healthy. Every wait is bounded.
 */
public final class ClusterReady {

    private final ClusterProbe probe;
    private final Progress progress;
    private final Duration clusterTimeout;
    private final Duration appTimeout;
    private final Duration poll;

    public ClusterReady(ClusterProbe probe, Progress progress, Duration clusterTimeout, Duration appTimeout,
                        Duration poll) {
        this.probe = probe;
        this.progress = progress;
        this.clusterTimeout = clusterTimeout;
        this.appTimeout = appTimeout;
        this.poll = poll;
    }

    /** @param onceReady what is set on the cluster once it is ready, before the apps are submitted (its roles) */
    public Outcome await(ClusterLayout layout, Supplier<Outcome> onceReady) {
        progress.started("cluster", "waiting for leaders and " + layout.agents().size() + " agents");
        ClusterStatus ready = until(layout, clusterTimeout, ClusterStatus::ready, "cluster");
        if (!ready.ready()) {
            return failed("cluster", "not ready after " + clusterTimeout.toSeconds() + "s: " + describe(ready));
        }
        progress.finished("cluster", "ready", describe(ready));
        Outcome set = onceReady.get();
        if (!set.ok()) {
            return set;
        }
        for (Map<String, Object> app : layout.apps()) {
            String id = String.valueOf(app.get("id"));
            try {
                progress.finished("app " + id, "submitted", probe.submit(layout, app));
            } catch (IOException e) {
                return failed("app " + id, "Marathon refused it: " + e.getMessage());
            }
        }
        if (layout.apps().isEmpty()) {
            return new Outcome(1, 0, List.of());
        }
        Map<String, Object> first = layout.apps().get(0);
        String id = "/" + String.valueOf(first.get("id")).replaceFirst("^/", "");
        boolean checked = first.get("healthChecks") instanceof List<?> checks && !checks.isEmpty();
        progress.started("app " + id, checked ? "waiting until healthy" : "waiting until running");
        ClusterStatus status = until(layout, appTimeout, s -> s.apps().stream().anyMatch(a -> a.id().equals(id)
                && (checked ? a.healthy() : a.running()) >= Math.max(1, a.instances())), "app " + id);
        var app = status.apps().stream().filter(a -> a.id().equals(id)).findFirst();
        if (app.isEmpty() || (checked ? app.get().healthy() : app.get().running()) < Math.max(1, app.get().instances())) {
            return failed("app " + id, "not " + (checked ? "healthy" : "running") + " after " + appTimeout.toSeconds()
                    + "s: " + app.map(Objects::toString).orElse("unknown to Marathon"));
        }
        progress.finished("app " + id, checked ? "healthy" : "running",
                app.get().running() + "/" + app.get().instances() + " running");
        return new Outcome(1 + layout.apps().size(), 0, List.of());
    }

    private ClusterStatus until(ClusterLayout layout, Duration timeout, Predicate<ClusterStatus> done, String subject) {
        String[] last = {null};
        return Wait.polling(timeout, poll).until(() -> probe.probe(layout), done, (attempt, status, failure) -> {
            String now = describe(status);
            if (!now.equals(last[0])) {
                progress.finished(subject, "waiting", now);
                last[0] = now;
            }
        }).last();
    }

    static String describe(ClusterStatus s) {
        return "mesos leader " + (s.mesosLeader() == null ? "none" : s.mesosLeader())
                + ", agents " + s.agentsRegistered() + "/" + s.agentsExpected()
                + ", marathon leader " + (s.marathonLeader() == null ? "none" : s.marathonLeader());
    }

    private Outcome failed(String subject, String reason) {
        progress.failed(subject, "wait", reason);
        return new Outcome(0, 0, List.of(new Outcome.Failure(subject, reason)));
    }
}
