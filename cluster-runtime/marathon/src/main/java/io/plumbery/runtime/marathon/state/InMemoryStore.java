package io.plumbery.runtime.marathon.state;

import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A store that keeps state for the life of the process only. */
final class InMemoryStore implements MarathonStore {
    private final Map<String, AppDefinition> apps = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AppDefinition>> versions = new ConcurrentHashMap<>();
    private final Map<String, GroupDefinition> groups = new ConcurrentHashMap<>();
    private final Map<String, Map<String, GroupSnapshot>> groupVersions = new ConcurrentHashMap<>();
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, MarathonTask> tasks = new ConcurrentHashMap<>();
    private volatile String frameworkId;
    private volatile List<String> callbackUrls = List.of();

    @Override
    public List<AppDefinition> apps() {
        return List.copyOf(apps.values());
    }

    @Override
    public void saveApp(AppDefinition app) {
        apps.put(app.id(), app);
        saveVersion(app);
    }

    @Override
    public void saveVersion(AppDefinition app) {
        versions.computeIfAbsent(app.id(), k -> new ConcurrentSkipListMap<>()).put(app.version(), app);
    }

    @Override
    public void deleteApp(String appId) {
        apps.remove(appId);
        versions.remove(appId);
    }

    @Override
    public List<AppDefinition> versions(String appId) {
        return List.copyOf(versions.getOrDefault(appId, Map.of()).values());
    }

    @Override
    public List<GroupDefinition> groups() {
        return List.copyOf(groups.values());
    }

    @Override
    public void saveGroup(GroupDefinition group) {
        groups.put(group.id(), group);
    }

    @Override
    public void deleteGroup(String groupId) {
        groups.remove(groupId);
    }

    @Override
    public void saveGroupVersion(GroupSnapshot snapshot) {
        groupVersions.computeIfAbsent(snapshot.id(), k -> new ConcurrentSkipListMap<>()).put(snapshot.version(), snapshot);
    }

    @Override
    public List<GroupSnapshot> groupVersions(String entryId) {
        return List.copyOf(groupVersions.getOrDefault(entryId, Map.of()).values());
    }

    @Override
    public List<String> groupEntries() {
        return List.copyOf(groupVersions.keySet());
    }

    @Override
    public List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    @Override
    public void saveDeployment(Deployment deployment) {
        deployments.put(deployment.id(), deployment);
    }

    @Override
    public void deleteDeployment(String id) {
        deployments.remove(id);
    }

    @Override
    public List<MarathonTask> tasks() {
        return List.copyOf(tasks.values());
    }

    @Override
    public void saveTask(MarathonTask task) {
        tasks.put(task.id(), task);
    }

    @Override
    public void deleteTask(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public Optional<String> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public void saveFrameworkId(String id) {
        frameworkId = id;
    }

    @Override
    public List<String> callbackUrls() {
        return callbackUrls;
    }

    @Override
    public void saveCallbackUrls(List<String> urls) {
        callbackUrls = List.copyOf(urls);
    }
}
