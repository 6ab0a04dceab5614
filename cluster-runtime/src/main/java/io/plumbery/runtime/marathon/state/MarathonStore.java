package io.plumbery.runtime.marathon.state;

import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.List;
import java.util.Optional;

/** Where the leader keeps Marathon's state between leaders: apps (with versions), deployments, tasks, framework id. */
public interface MarathonStore {
    List<AppDefinition> apps();

    void saveApp(AppDefinition app);

    void deleteApp(String appId);

    List<AppDefinition> versions(String appId);

    List<Deployment> deployments();

    void saveDeployment(Deployment deployment);

    void deleteDeployment(String id);

    List<MarathonTask> tasks();

    void saveTask(MarathonTask task);

    void deleteTask(String taskId);

    Optional<String> frameworkId();

    void saveFrameworkId(String id);

    /** Nothing kept: for a single Marathon without ZooKeeper, and for tests. */
    static MarathonStore inMemory() {
        return new InMemoryStore();
    }
}
