package io.plumbery.runtime.marathon.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupSnapshot;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State in ZooKeeper under a root such as {@code /marathon/state}: {@code apps/<id>}, {@code versions/<id>/<version>},
 * {@code groups/<id>}, {@code group-versions/<top-level id>/<version>}, {@code deployments/<id>} (a plan and the
 * step it is at), {@code tasks/<taskId>}, {@code framework-id}, {@code callback-urls} (a JSON list); values are
 * Marathon JSON. App and group ids are stored with {@code /} written as {@code _} (which Marathon ids cannot
 * contain).
 *
 * <p>A write either reaches ZooKeeper or throws {@link StoreUnavailableException}, at once when the client has no
 * connection (no server, or none with a quorum), so that the caller keeps nothing it did not store.
 */
public final class ZkStore implements MarathonStore {
    private static final Logger LOG = LoggerFactory.getLogger(ZkStore.class);
    private static final int MAX_VERSIONS = 50;
    /** ZooKeeper's default bound on a value ({@code jute.maxbuffer}, 1 MiB), with room for the request around it. */
    private static final int MAX_HISTORY_VALUE = 1000 * 1024;
    private final CuratorFramework client;
    private final String root;

    public ZkStore(CuratorFramework client, String root) {
        this.client = client;
        this.root = root;
    }

    private static String key(String appId) {
        return appId.substring(1).replace('/', '_');
    }

    private <T> List<T> children(String dir, Class<T> type) {
        List<T> out = new ArrayList<>();
        connected("Reading " + dir);
        try {
            if (client.checkExists().forPath(dir) == null) {
                return out;
            }
            for (String child : client.getChildren().forPath(dir)) {
                try {
                    out.add(MarathonJson.MAPPER.readValue(client.getData().forPath(dir + "/" + child), type));
                } catch (KeeperException.NoNodeException gone) {
                    LOG.debug("{}/{} vanished", dir, child);
                }
            }
        } catch (Exception e) {
            throw new StoreUnavailableException("Reading " + dir + " from ZooKeeper failed: " + e, e);
        }
        return out;
    }

    /** Fails fast without a connection, rather than waiting through the client's retries. */
    private void connected(String what) {
        if (!client.getZookeeperClient().isConnected()) {
            throw new StoreUnavailableException(what + " failed: no connection to ZooKeeper", null);
        }
    }

    private void put(String path, Object value) {
        byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : MarathonJson.bytes(value);
        connected("Writing " + path);
        try {
            if (client.checkExists().forPath(path) == null) {
                client.create().creatingParentContainersIfNeeded().forPath(path, bytes);
            } else {
                client.setData().forPath(path, bytes);
            }
        } catch (Exception e) {
            throw new StoreUnavailableException("Writing " + path + " to ZooKeeper failed: " + e, e);
        }
    }

    private void delete(String path) {
        connected("Deleting " + path);
        try {
            client.delete().quietly().deletingChildrenIfNeeded().forPath(path);
        } catch (Exception e) {
            throw new StoreUnavailableException("Deleting " + path + " from ZooKeeper failed: " + e, e);
        }
    }

    @Override
    public List<AppDefinition> apps() {
        return children(root + "/apps", AppDefinition.class);
    }

    @Override
    public void saveApp(AppDefinition app) {
        put(root + "/apps/" + key(app.id()), app);
        saveVersion(app);
    }

    @Override
    public void saveVersion(AppDefinition app) {
        String dir = root + "/versions/" + key(app.id());
        put(dir + "/" + app.version(), app);
        prune(dir);
    }

    /** Keeps the newest {@link #MAX_VERSIONS} versions in the directory (their names sort as their times). */
    private void prune(String dir) {
        try {
            List<String> versions = new ArrayList<>(client.getChildren().forPath(dir));
            versions.sort(Comparator.naturalOrder());
            for (int i = 0; i < versions.size() - MAX_VERSIONS; i++) {
                delete(dir + "/" + versions.get(i));
            }
        } catch (Exception e) {
            LOG.debug("Pruning the versions in {} failed: {}", dir, e.toString());
        }
    }

    @Override
    public void deleteApp(String appId) {
        delete(root + "/apps/" + key(appId));
        delete(root + "/versions/" + key(appId));
    }

    @Override
    public List<AppDefinition> versions(String appId) {
        return oldestFirst(root + "/versions/" + key(appId), AppDefinition.class, AppDefinition::version);
    }

    private <T> List<T> oldestFirst(String dir, Class<T> type, Function<T, String> version) {
        List<T> out = children(dir, type);
        out.sort(Comparator.comparing(version));
        return out;
    }

    @Override
    public List<GroupDefinition> groups() {
        return children(root + "/groups", GroupDefinition.class);
    }

    @Override
    public void saveGroup(GroupDefinition group) {
        put(root + "/groups/" + key(group.id()), group);
    }

    @Override
    public void deleteGroup(String groupId) {
        delete(root + "/groups/" + key(groupId));
    }

    /**
     * A version too large for a ZooKeeper value (whose server drops the connection of a client that sends one) is
     * left out of the history, with a warning: the change itself is stored app by app and group by group.
     */
    @Override
    public void saveGroupVersion(GroupSnapshot snapshot) {
        String dir = root + "/group-versions/" + key(snapshot.id());
        byte[] bytes = MarathonJson.bytes(snapshot);
        if (bytes.length > MAX_HISTORY_VALUE) {
            LOG.warn("Version {} of {} is {} bytes, more than ZooKeeper takes: left out of the history",
                    snapshot.version(), snapshot.id(), bytes.length);
            return;
        }
        put(dir + "/" + snapshot.version(), snapshot);
        prune(dir);
    }

    @Override
    public List<GroupSnapshot> groupVersions(String entryId) {
        return oldestFirst(root + "/group-versions/" + key(entryId), GroupSnapshot.class, GroupSnapshot::version);
    }

    @Override
    public List<String> groupEntries() {
        String dir = root + "/group-versions";
        return read(dir, List.of(), () -> client.getChildren().forPath(dir).stream().map(k -> "/" + k).toList());
    }

    /** What {@code reader} reads of the node at {@code path}, or {@code absent} when there is no such node. */
    private <T> T read(String path, T absent, Callable<T> reader) {
        connected("Reading " + path);
        try {
            return client.checkExists().forPath(path) == null ? absent : reader.call();
        } catch (Exception e) {
            throw new StoreUnavailableException("Reading " + path + " from ZooKeeper failed: " + e, e);
        }
    }

    @Override
    public List<Deployment> deployments() {
        return children(root + "/deployments", JsonNode.class).stream().map(ZkStore::deployment).toList();
    }

    /** A plan; or, as stored before plans had steps, one app's deployment: {appId, action, original, target}. */
    private static Deployment deployment(JsonNode json) {
        try {
            if (json.has("steps") || !json.has("appId")) {
                return MarathonJson.convert(json, Deployment.class);
            }
            AppDefinition original = json.hasNonNull("original")
                    ? MarathonJson.convert(json.get("original"), AppDefinition.class) : null;
            AppDefinition target = json.hasNonNull("target")
                    ? MarathonJson.convert(json.get("target"), AppDefinition.class) : null;
            return Deployment.single(json.path("id").asText(), json.path("version").asText(),
                    json.path("action").asText(), original, target);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable deployment " + json.path("id").asText() + ": " + e, e);
        }
    }

    @Override
    public void saveDeployment(Deployment deployment) {
        put(root + "/deployments/" + deployment.id(), deployment);
    }

    @Override
    public void deleteDeployment(String id) {
        delete(root + "/deployments/" + id);
    }

    @Override
    public List<MarathonTask> tasks() {
        return children(root + "/tasks", MarathonTask.class);
    }

    @Override
    public void saveTask(MarathonTask task) {
        put(root + "/tasks/" + task.id(), task);
    }

    @Override
    public void deleteTask(String taskId) {
        delete(root + "/tasks/" + taskId);
    }

    @Override
    public Optional<String> frameworkId() {
        String path = root + "/framework-id";
        return read(path, Optional.empty(),
                () -> Optional.of(new String(client.getData().forPath(path), StandardCharsets.UTF_8)));
    }

    @Override
    public void saveFrameworkId(String id) {
        put(root + "/framework-id", id);
    }

    @Override
    public List<String> callbackUrls() {
        String path = root + "/callback-urls";
        return read(path, List.of(), () -> List.of(MarathonJson.MAPPER.readValue(client.getData().forPath(path),
                String[].class)));
    }

    @Override
    public void saveCallbackUrls(List<String> urls) {
        put(root + "/callback-urls", urls);
    }
}
