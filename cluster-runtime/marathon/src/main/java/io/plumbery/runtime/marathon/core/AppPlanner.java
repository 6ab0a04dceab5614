package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What to do next for one app, as a pure function of its definition and its tasks: which tasks to kill, how many
 * to launch, and whether the app has reached its target (a deployment is then complete). Replacing tasks of an
 * older configuration is a rolling upgrade that keeps at least {@code ceil(instances * minimumHealthCapacity)}
 * ready tasks and at most {@code floor(instances * (1 + maximumOverCapacity))} tasks.
 */
public final class AppPlanner {
    private AppPlanner() {
    }

    public record Plan(List<MarathonTask> kill, int launch, boolean complete) {
    }

    /**
     * @param tasks the app's non-terminal tasks (including those being killed)
     * @param ready a running task that passes its health checks (if any)
     */
    public static Plan plan(AppDefinition app, List<MarathonTask> tasks, Predicate<MarathonTask> ready) {
        int n = app.instances();
        List<MarathonTask> alive = tasks.stream().filter(t -> !t.killRequested()).toList();
        List<MarathonTask> current = alive.stream().filter(t -> app.configVersion().equals(t.configVersion())).toList();
        List<MarathonTask> old = alive.stream().filter(t -> !app.configVersion().equals(t.configVersion())).toList();
        Comparator<MarathonTask> killOrder = killOrder(app);
        List<MarathonTask> kill = new ArrayList<>();
        if (old.isEmpty()) {
            if (current.size() > n) {
                // prefer tasks that are not ready yet, then by killSelection
                current.stream().sorted(Comparator.comparing((MarathonTask t) -> ready.test(t)).thenComparing(killOrder))
                        .limit(current.size() - n).forEach(kill::add);
            }
            int launch = Math.max(0, n - current.size());
            boolean complete = launch == 0 && kill.isEmpty() && tasks.size() == n && current.stream().allMatch(ready);
            return new Plan(kill, launch, complete);
        }
        int minHealthy = (int) Math.ceil(n * app.upgradeStrategy().minimumHealthCapacity());
        int maxTotal = (int) Math.floor(n * (1 + app.upgradeStrategy().maximumOverCapacity()) + 1e-9);
        if (maxTotal <= minHealthy) {
            maxTotal = minHealthy + 1; // as Marathon: exceed by one rather than deadlock
        }
        long currentReady = current.stream().filter(ready).count();
        long readyCount = currentReady + old.stream().filter(ready).count();
        // old tasks that are not ready do not count toward health: replace them first
        List<MarathonTask> oldSorted = old.stream()
                .sorted(Comparator.comparing((MarathonTask t) -> ready.test(t)).thenComparing(killOrder)).toList();
        for (MarathonTask t : oldSorted) {
            boolean isReady = ready.test(t);
            if (!isReady || currentReady >= n || readyCount - 1 >= minHealthy) {
                kill.add(t);
                if (isReady) {
                    readyCount--;
                }
            }
        }
        int excessCurrent = Math.max(0, current.size() - n);
        current.stream().sorted(killOrder).limit(excessCurrent).forEach(kill::add);
        int room = maxTotal - tasks.size(); // tasks being killed hold their resources until they end
        int launch = Math.max(0, Math.min(n - current.size(), room));
        return new Plan(kill, launch, false);
    }

    /** First to kill first: YOUNGEST_FIRST (latest staged) or OLDEST_FIRST. */
    static Comparator<MarathonTask> killOrder(AppDefinition app) {
        Comparator<MarathonTask> byAge = Comparator.comparingLong(MarathonTask::stagedAtMillis);
        return AppDefinition.OLDEST_FIRST.equals(app.killSelection()) ? byAge : byAge.reversed();
    }
}
