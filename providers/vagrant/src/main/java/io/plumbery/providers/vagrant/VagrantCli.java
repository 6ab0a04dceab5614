package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code vagrant} in the plan's project directory, always with the docker provider, no version check
 * against HashiCorp's servers, machine-readable output and a time limit. Concurrent {@code up} and
 * {@code destroy} calls are merged into one call ({@link Coalescer}), which Vagrant runs in parallel.
 */
final class VagrantCli {

    static final Map<String, String> ENV = Map.of(
            "VAGRANT_DEFAULT_PROVIDER", "docker",
            "VAGRANT_CHECKPOINT_DISABLE", "1",
            "VAGRANT_NO_COLOR", "1");

    /** How long a {@code vagrant status} answers for: information asks node after node, each a Ruby start-up. */
    private static final Duration STATUS_REUSE = Duration.ofSeconds(3);

    private static final Map<Path, Coalescer> BATCHES = new ConcurrentHashMap<>();

    private final Path vagrant;
    private final Path project;
    private final Duration timeout;
    private final Coalescer batches;
    private Map<String, String> states;
    private long statesAt;

    VagrantCli(Path vagrant, Path project, Duration timeout) {
        this.vagrant = vagrant;
        this.project = project;
        this.timeout = timeout;
        this.batches = BATCHES.computeIfAbsent(project,
                k -> new Coalescer(Duration.ofMillis(300), Duration.ofSeconds(3)));
    }

    /** Creates the machine if needed and starts it (Vagrant's {@code up}); fails with Vagrant's reason. */
    void up(String machine) throws ProviderException {
        verb("up", machine, List.of("up", "--parallel"));
    }

    /**
     * Not merged: Vagrant halts the machines of one call one after the other, so separate processes stop
     * them sooner (measured, 3 cluster nodes: 8-10 s apart, 18-19 s in one call).
     */
    void halt(String machine) throws ProviderException {
        Exec.Result r;
        try {
            r = run(List.of("halt", machine));
        } finally {
            forgetStates();
        }
        if (!r.ok()) {
            throw failure("halt", machine, r, false);
        }
    }

    void destroy(String machine) throws ProviderException {
        verb("destroy", machine, List.of("destroy", "--force", "--parallel"));
    }

    /**
     * Each machine of the Vagrantfile with its state ({@code running}, {@code stopped}, {@code not_created},
     * {@code preparing}...). A machine Vagrant does not know is absent. An answer is reused for a few
     * seconds unless this provider changed a machine meanwhile.
     */
    Map<String, String> states() throws ProviderException {
        return states(STATUS_REUSE);
    }

    /** {@link #states()}, asked again unless the last answer is younger than {@code maxAge}. */
    synchronized Map<String, String> states(Duration maxAge) throws ProviderException {
        if (states != null && System.nanoTime() - statesAt < maxAge.toNanos()) {
            return states;
        }
        Exec.Result r = run(List.of("status"));
        if (!r.ok()) {
            throw failure("status", "", r, false);
        }
        states = MachineReadable.parse(r.out()).states();
        statesAt = System.nanoTime();
        return states;
    }

    private void verb(String verb, String machine, List<String> args) throws ProviderException {
        Exec.Result r;
        try {
            r = batches.submit(verb, machine, machines -> {
                List<String> all = new ArrayList<>(args);
                all.addAll(machines);
                return run(all);
            }, timeout);
        } finally {
            forgetStates();
        }
        if (!r.ok()) {
            ProviderException failure = failure(verb, machine, r, true);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Vagrant's reason for {@code machine}; null when a {@code merged} call failed only for other machines. */
    private ProviderException failure(String verb, String machine, Exec.Result r, boolean merged) {
        MachineReadable output = MachineReadable.parse(r.out());
        boolean batchError = output.lines().stream().anyMatch(l -> l.type().equals("error-exit")
                && l.first().endsWith("BatchMultiError"));
        String reason = output.errorFor(machine).orElse(null);
        if (reason == null && batchError && merged) {
            return null;
        }
        if (reason == null) {
            reason = Exec.tail(r.why(), 15);
        }
        List<String> seen = machine.isEmpty() ? List.of() : output.uiFor(machine, 8);
        return new ProviderException("vagrant " + verb + (machine.isEmpty() ? "" : " " + machine) + " failed (exit "
                + r.exit() + ") in " + project + ":\n" + Exec.tail(reason, 15)
                + (seen.isEmpty() ? "" : "\nlast lines about " + machine + ":\n" + String.join("\n", seen)),
                false, null);
    }

    private synchronized void forgetStates() {
        states = null;
    }

    private Exec.Result run(List<String> args) throws ProviderException {
        List<String> command = new ArrayList<>();
        command.add(vagrant.toString());
        command.addAll(args);
        command.add("--machine-readable");
        return Exec.run(timeout, command, project, ENV);
    }
}
