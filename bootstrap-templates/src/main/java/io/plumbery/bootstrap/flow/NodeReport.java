package io.plumbery.bootstrap.flow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome for one node: the cloud-init modules that applied the plan's cloud-config (none when the node
 * had it already), each file (the runtime jar first) and unit with what was done, how long it took, and the
 * failure if there was one (the lists then hold what was done before it).
 */
public record NodeReport(String node, List<String> cloudConfigModules, List<FileChange> files, List<UnitChange> units,
                         Duration elapsed, Optional<NodeFailure> failure) {

    public NodeReport {
        cloudConfigModules = List.copyOf(cloudConfigModules);
        files = List.copyOf(files);
        units = List.copyOf(units);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** True when it succeeded without applying its cloud-config, writing any file or starting any unit. */
    public boolean unchanged() {
        return succeeded() && cloudConfigModules.isEmpty() && files.stream().noneMatch(FileChange::changed)
                && units.stream().allMatch(u -> u.action() == UnitChange.Action.UNCHANGED);
    }

    /** {@code master1: unchanged} / {@code master1: changed (3 files, 1 unit restarted)} / {@code failed: ...}. */
    public String summary() {
        if (failure.isPresent()) {
            return node + ": failed at " + failure.get().step().label() + ": " + failure.get().message();
        }
        if (unchanged()) {
            return node + ": unchanged";
        }
        long changedFiles = files.stream().filter(FileChange::changed).count();
        long restarted = units.stream().filter(u -> u.action() == UnitChange.Action.RESTARTED).count();
        long started = units.stream().filter(u -> u.action() == UnitChange.Action.STARTED).count();
        long removed = units.stream().filter(u -> u.action() == UnitChange.Action.REMOVED).count();
        String cloudConfig = cloudConfigModules.isEmpty() ? ""
                : "cloud-config applied by " + String.join(", ", cloudConfigModules) + ", ";
        return node + ": changed (" + cloudConfig + changedFiles + " file(s) written, " + restarted + " unit(s) restarted, "
                + started + " started" + (removed > 0 ? ", " + removed + " removed" : "") + ")";
    }
}
