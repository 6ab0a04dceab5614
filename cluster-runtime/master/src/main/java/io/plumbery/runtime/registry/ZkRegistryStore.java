package io.plumbery.runtime.registry;

import io.plumbery.runtime.protocol.Json;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The registry as one JSON znode ({@code <zk path>/registry}, next to the masters' {@code json.info_} znodes), written
 * with ZooKeeper's versioned {@code setData}: a deposed leader's write over a version a newer leader has replaced
 * fails. The znode gets the client's ACL (CREATOR_ALL where the master authenticates to ZooKeeper).
 */
public final class ZkRegistryStore implements RegistryStore {
    private final CuratorFramework client;
    private final String path;

    public ZkRegistryStore(CuratorFramework client, String masterPath) {
        this.client = client;
        this.path = masterPath + "/registry";
    }

    public String path() {
        return path;
    }

    @Override
    public Versioned read() throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException absent) {
            try {
                client.create().creatingParentsIfNeeded().forPath(path, Json.bytes(Registry.EMPTY));
            } catch (KeeperException.NodeExistsException raced) {
                // another master created it first: read theirs
            }
            data = client.getData().storingStatIn(stat).forPath(path);
        }
        return new Versioned(Json.read(data, Registry.class), stat.getVersion());
    }

    @Override
    public int write(Registry registry, int expectedVersion) throws Exception {
        try {
            return client.setData().withVersion(expectedVersion).forPath(path, Json.bytes(registry)).getVersion();
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException newer) {
            throw new Fenced("The registry " + path + " changed since version " + expectedVersion, newer);
        }
    }
}
