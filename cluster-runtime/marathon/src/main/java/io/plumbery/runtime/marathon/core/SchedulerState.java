package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the leader's scheduler knows: the apps the planning loop drives (by id), the groups' own definitions, the tasks (in launch order), the
 * running deployments (in start order), and per app its launch backoff, the launches it still needs, the offers it
 * saw while waiting and its last task failure.
 *
 * <p>Only the scheduler's {@link CoreThread} touches it, so it has no locks; with assertions on (as in the tests)
 * every method checks that. The collections it answers are read-only views, valid until the next change.
 */
final class SchedulerState {
    private final CoreThread owner;
    private final Map<PathId, AppDefinition> apps = new TreeMap<>();
    private final Map<PathId, GroupDefinition> groups = new TreeMap<>();
    private final Map<String, MarathonTask> tasks = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<PathId, LaunchDelay> delays = new HashMap<>();
    private final Map<PathId, Integer> needs = new HashMap<>();
    private final Map<PathId, QueueStats> queueStats = new HashMap<>();
    private final Map<PathId, ObjectNode> lastFailures = new HashMap<>();

    SchedulerState(CoreThread owner) {
        this.owner = owner;
    }

    // ---- apps ----

    /** The apps as the planning loop drives them, by id (a deployment's target enters when its step begins). */
    Collection<AppDefinition> apps() {
        confined();
        return Collections.unmodifiableCollection(apps.values());
    }

    /** The app, or null. */
    AppDefinition app(PathId id) {
        confined();
        return apps.get(id);
    }

    /** The app the task belongs to, or null once it is gone. */
    AppDefinition appOf(MarathonTask task) {
        return app(PathId.parse(task.appId()));
    }

    boolean hasApp(PathId id) {
        confined();
        return apps.containsKey(id);
    }

    void putApp(AppDefinition app) {
        confined();
        apps.put(app.pathId(), app);
    }

    /**
     * Takes the app out, with its launch backoff, the launches it needed and the offers it saw (its last task
     * failure stays); answers whether it was there.
     */
    boolean removeApp(PathId id) {
        confined();
        delays.remove(id);
        needs.remove(id);
        queueStats.remove(id);
        return apps.remove(id) != null;
    }

    // ---- groups ----

    /** The groups that have a definition of their own (a deployment's take effect when it starts). */
    Collection<GroupDefinition> groups() {
        confined();
        return Collections.unmodifiableCollection(groups.values());
    }

    /** The group's definition, or null. */
    GroupDefinition group(PathId id) {
        confined();
        return groups.get(id);
    }

    void putGroup(GroupDefinition group) {
        confined();
        groups.put(group.pathId(), group);
    }

    void removeGroup(PathId id) {
        confined();
        groups.remove(id);
    }

    // ---- tasks ----

    /** Every task known, in launch order (the stored ones first). */
    Collection<MarathonTask> tasks() {
        confined();
        return Collections.unmodifiableCollection(tasks.values());
    }

    /** The task, or null. */
    MarathonTask task(String id) {
        confined();
        return tasks.get(id);
    }

    List<MarathonTask> tasksOf(String appId) {
        confined();
        return tasks.values().stream().filter(t -> t.appId().equals(appId)).toList();
    }

    /** A new task, or a task's new state. */
    void putTask(MarathonTask task) {
        confined();
        tasks.put(task.id(), task);
    }

    void removeTask(String id) {
        confined();
        tasks.remove(id);
    }

    // ---- deployments ----

    /** The running deployments, in the order they started. */
    Collection<Deployment> deployments() {
        confined();
        return Collections.unmodifiableCollection(deployments.values());
    }

    /** The deployment, or null. */
    Deployment deployment(String id) {
        confined();
        return deployments.get(id);
    }

    /** A new deployment, or a deployment at its next step. */
    void putDeployment(Deployment deployment) {
        confined();
        deployments.put(deployment.id(), deployment);
    }

    void removeDeployment(String id) {
        confined();
        deployments.remove(id);
    }

    // ---- the launch queue ----

    /** Launches the app still needs, as the last planning pass set them less what offers launched since. */
    int launchesNeeded(PathId app) {
        confined();
        return needs.getOrDefault(app, 0);
    }

    void needLaunches(PathId app, int count) {
        confined();
        needs.put(app, count);
    }

    /** Launches needed now: those of the apps whose backoff is over (what offers are revived for). */
    int launchesWanted(long nowMillis) {
        confined();
        int total = 0;
        for (Map.Entry<PathId, Integer> e : needs.entrySet()) {
            if (e.getValue() > 0 && delay(e.getKey()).overdue(nowMillis)) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** The app's launch backoff, for reading (created on first use, as none). */
    LaunchDelay delay(PathId app) {
        confined();
        return delays.computeIfAbsent(app, k -> new LaunchDelay());
    }

    boolean launchOverdue(PathId app, long nowMillis) {
        return delay(app).overdue(nowMillis);
    }

    void resetDelay(PathId app) {
        delay(app).reset();
    }

    /** A task of the app ended unasked: its next launch backs off, and {@code failure} is its lastTaskFailure. */
    void recordFailure(AppDefinition app, ObjectNode failure, long nowMillis) {
        delay(app.pathId()).failed(app, nowMillis);
        lastFailures.put(app.pathId(), failure);
    }

    /** Last task failure of each app (apps deleted since included). */
    Map<PathId, ObjectNode> lastFailures() {
        confined();
        return Collections.unmodifiableMap(lastFailures);
    }

    /** Offers the app saw while it waited in the queue, or null before its first one. */
    QueueStats queueStats(PathId app) {
        confined();
        return queueStats.get(app);
    }

    /** The app's offer statistics to count an offer in: from now on when it had none. */
    QueueStats queueStatsToCount(PathId app) {
        confined();
        return queueStats.computeIfAbsent(app, k -> new QueueStats());
    }

    /** The app left the queue: its offer statistics start again when it comes back. */
    void leftQueue(PathId app) {
        confined();
        queueStats.remove(app);
    }

    private void confined() {
        assert owner.isCurrent() : "Scheduler state used on " + Thread.currentThread().getName() + ", not on "
                + CoreThread.NAME;
    }
}
