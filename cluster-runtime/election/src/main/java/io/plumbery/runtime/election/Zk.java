package io.plumbery.runtime.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** Curator clients tuned for a failover of a few seconds without flapping (see notes/dependencies.md). */
public final class Zk {
    public static final String PREFIX = "json.info_";

    private Zk() {
    }

    /** A client without credentials: the znodes it creates are open to all (ZooKeeper's OPEN_ACL_UNSAFE). */
    public static CuratorFramework client(String connectString, int sessionTimeoutMs) {
        return builder(connectString, sessionTimeoutMs).build();
    }

    /**
     * The client for a {@code zk://} URL. With credentials in it, the session authenticates with ZooKeeper's digest
     * scheme and every znode it creates (parents included) is CREATOR_ALL: only that identity may read or change it.
     */
    public static CuratorFramework client(ZkUrl url, int sessionTimeoutMs) {
        CuratorFrameworkFactory.Builder b = builder(url.connectString(), sessionTimeoutMs);
        url.credentials().ifPresent(c -> b.authorization(ZkCredentials.SCHEME, c.auth()).aclProvider(CREATOR_ONLY));
        return b.build();
    }

    private static CuratorFrameworkFactory.Builder builder(String connectString, int sessionTimeoutMs) {
        return CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(Math.min(sessionTimeoutMs, 3_000))
                .retryPolicy(new BoundedExponentialBackoffRetry(100, 1_000, 10))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy());
    }

    private static final ACLProvider CREATOR_ONLY = new ACLProvider() {
        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    };

    /**
     * Closes a client without hanging when no server answers (ZooKeeper's close waits for the closeSession reply);
     * the session then ends on its own by timeout.
     */
    public static void closeQuietly(CuratorFramework client, long timeoutMillis) {
        Thread closer = new Thread(client::close, "zk-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mesos's contender znodes under a path, lowest sequence first. */
    public static List<String> contenders(List<String> children) {
        List<String> out = new ArrayList<>();
        for (String c : children) {
            if (c.startsWith(PREFIX)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Zk::sequence));
        return out;
    }

    public static long sequence(String node) {
        try {
            return Long.parseLong(node.substring(node.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
