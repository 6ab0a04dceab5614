package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.bootstrap.render.NodeRenderer;
import io.plumbery.bootstrap.render.TemplateRenderer;
import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.node.ssh.NodeConnector;
import io.plumbery.node.ssh.SshConnector;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Brings every node of a plan to its declared services over SSH, at most {@code parallel} nodes at a time,
 * in two phases so that services needing each other (a ZooKeeper ensemble) start before anyone waits:
 * <ol>
 *   <li>configure, per node: render, connect, wait for cloud-init, create the service user and
 *       directories, upload the runtime jar and the rendered files when their SHA-256 differs,
 *       {@code daemon-reload} when a unit file changed, restart units whose files changed and start
 *       units that are not running;</li>
 *   <li>verify, per node that got through phase one: wait for each unit to be active, then for each
 *       service's health check.</li>
 * </ol>
 * A failing node does not stop the others; its report carries a {@link NodeFailure}. Re-running on
 * configured nodes writes nothing, restarts nothing and reports every node unchanged.
 */
public final class Bootstrapper {
    private final NodeRenderer renderer;
    private final NodeConnector connector;
    private final BootstrapSettings settings;
    private final Wait.Sleeper sleeper;

    public Bootstrapper(NodeRenderer renderer, NodeConnector connector, BootstrapSettings settings) {
        this(renderer, connector, settings, d -> Thread.sleep(d.toMillis()));
    }

    public Bootstrapper(NodeRenderer renderer, NodeConnector connector, BootstrapSettings settings,
                        Wait.Sleeper sleeper) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The usual wiring: the plan's key pair (see {@code SshKeys.ensure}), its known_hosts file next to the
     * state, the templates from the class path.
     */
    public static Bootstrapper create(SshIdentity identity, Path knownHostsFile, RuntimeSettings runtime,
                                      BootstrapSettings settings) {
        SshConnector connector = new SshConnector(new KnownHosts(knownHostsFile), identity, settings.connectRetry());
        return new Bootstrapper(new NodeRenderer(new TemplateRenderer(), runtime), connector, settings);
    }

    /** Bootstraps every node of {@code plan}; never throws for a node's failure (see the report). */
    public BootstrapReport bootstrap(BootstrapPlan plan, BootstrapListener listener) {
        long started = System.nanoTime();
        List<NodeRun> runs = new ArrayList<>();
        plan.targetNodes().forEach(n -> runs.add(new NodeRun(plan, n, renderer, connector, settings, sleeper, listener)));
        if (runs.isEmpty()) {
            return new BootstrapReport(List.of(), Duration.ZERO);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallel(), runs.size()), r -> {
            Thread t = new Thread(r, "bootstrap-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            runAll(pool, runs, NodeRun::configure);
            runAll(pool, runs.stream().filter(r -> !r.failed()).toList(), NodeRun::verify);
        } finally {
            pool.shutdownNow();
            runs.forEach(NodeRun::close);
        }
        return new BootstrapReport(runs.stream().map(NodeRun::report).toList(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void runAll(ExecutorService pool, List<NodeRun> runs, Consumer<NodeRun> phase) {
        List<Future<?>> futures = new ArrayList<>();
        runs.forEach(run -> futures.add(pool.submit(() -> phase.accept(run))));
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("bootstrap interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("bug in the bootstrap of a node", e.getCause());
            }
        }
    }
}
