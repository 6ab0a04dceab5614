package io.plumbery.runtime.marathon.state;

import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Where the leader keeps Marathon's state between leaders: apps (with versions), groups (with the history of each
 * top-level entry), deployments, tasks, framework id, event callback URLs.
 */
public interface MarathonStore {
    List<AppDefinition> apps();

    /** Saves the app (and its version). */
    void saveApp(AppDefinition app);

    /** Saves a version of the app only: a deployment's target, before the app itself takes it. */
    void saveVersion(AppDefinition app);

    void deleteApp(String appId);

    List<AppDefinition> versions(String appId);

    /** The groups that have a definition of their own. */
    List<GroupDefinition> groups();

    void saveGroup(GroupDefinition group);

    void deleteGroup(String groupId);

    /** A version of a top-level entry of the root group (the oldest beyond a bound are dropped). */
    void saveGroupVersion(GroupSnapshot snapshot);

    /** The stored versions of the top-level entry ({@code /prod}), oldest first. */
    List<GroupSnapshot> groupVersions(String entryId);

    /** The top-level entries that have versions. */
    List<String> groupEntries();

    /** Deployment plans, each at the step it was at. */
    List<Deployment> deployments();

    void saveDeployment(Deployment deployment);

    void deleteDeployment(String id);

    List<MarathonTask> tasks();

    void saveTask(MarathonTask task);

    void deleteTask(String taskId);

    Optional<String> frameworkId();

    /** The URLs subscribed through {@code /v2/eventSubscriptions}. */
    List<String> callbackUrls();

    void saveCallbackUrls(List<String> urls);

    void saveFrameworkId(String id);

    /** Nothing kept: for a single Marathon without ZooKeeper, and for tests. */
    static MarathonStore inMemory() {
        return new InMemoryStore();
    }
}
