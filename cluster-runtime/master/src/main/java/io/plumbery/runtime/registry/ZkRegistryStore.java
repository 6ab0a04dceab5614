package io.plumbery.runtime.registry;

import io.plumbery.runtime.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The registry as one JSON znode ({@code <zk path>/registry}, next to the masters' {@code json.info_} znodes), written
 * with ZooKeeper's versioned {@code setData}: a deposed leader's write over a version a newer leader has replaced
 * fails. The znode gets the client's ACL (CREATOR_ALL where the master authenticates to ZooKeeper). Past
 * {@value #PLAIN_LIMIT} bytes the JSON is stored gzipped (thousands of agents would not fit ZooKeeper's 1 MB znode
 * otherwise); smaller, it stays readable with ZooKeeper's own tools.
 */
public final class ZkRegistryStore implements RegistryStore {
    static final int PLAIN_LIMIT = 128 * 1024;

    private final CuratorFramework client;
    private final String path;

    public ZkRegistryStore(CuratorFramework client, String masterPath) {
        this.client = client;
        this.path = masterPath + "/registry";
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
        return new Versioned(Json.read(decoded(data), Registry.class), stat.getVersion());
    }

    @Override
    public int write(Registry registry, int expectedVersion) throws Exception {
        try {
            return client.setData().withVersion(expectedVersion).forPath(path, encoded(registry)).getVersion();
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException newer) {
            throw new Fenced("The registry " + path + " changed since version " + expectedVersion, newer);
        }
    }

    static byte[] encoded(Registry registry) throws IOException {
        byte[] json = Json.bytes(registry);
        if (json.length <= PLAIN_LIMIT) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json);
        }
        return out.toByteArray();
    }

    static byte[] decoded(byte[] data) throws IOException {
        if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            return data;
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gzip.readAllBytes();
        }
    }
}
