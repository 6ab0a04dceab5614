package io.plumbery.runtime.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose zoo.cfg enforces digest authentication, and the runtime's clients with {@code zk://user:pass@}: no
 * session without credentials, znodes only for the identity that created them.
 */
class ZooKeeperAuthIT {
    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    int port;

    @BeforeEach
    void enforcingServer() throws Exception {
        port = ZooKeeperServiceIT.freePort();
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "tickTime=500\ndataDir=" + dir.resolve("data")
                + "\nclientPort=" + port + "\nclientPortAddress=127.0.0.1\nenforce.auth.enabled=true\n"
                + "enforce.auth.schemes=digest\n", StandardCharsets.UTF_8);
        ZooKeeperService zk = new ZooKeeperService(cfg, null);
        zk.start();
        open.add(zk);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private CuratorFramework client(String userinfo) throws InterruptedException {
        CuratorFramework c = Zk.client(ZkUrl.parse("zk://" + userinfo + "@127.0.0.1:" + port + "/mesos"), 4000);
        open.add(c);
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return c;
    }

    private ZooKeeper raw() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + port, 4000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        open.add(zk);
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        return zk;
    }

    @Test
    void theSettingEndsWithTheServer() throws Exception {
        assertThat(System.getProperty("zookeeper.enforce.auth.enabled")).isEqualTo("true");
        open.remove(0).close();
        assertThat(System.getProperty("zookeeper.enforce.auth.enabled")).isNull();
        assertThat(System.getProperty("zookeeper.enforce.auth.schemes")).isNull();
    }

    @Test
    void aClientWithoutCredentialsIsRefused() throws Exception {
        ZooKeeper anonymous = raw();
        assertThatThrownBy(() -> anonymous.getChildren("/", false)).isInstanceOf(KeeperException.class);
        assertThatThrownBy(() -> anonymous.create("/open", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT)).isInstanceOf(KeeperException.class);
    }

    @Test
    void znodesTheRuntimeCreatesBelongToItsIdentityOnly() throws Exception {
        CuratorFramework runtime = client("plumbery:secret");
        runtime.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", "{}".getBytes(StandardCharsets.UTF_8));
        String digest = org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("plumbery:secret");
        List<ACL> owner = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", digest)));
        assertThat(runtime.getACL().forPath("/mesos")).isEqualTo(owner);
        String node = "/mesos/" + runtime.getChildren().forPath("/mesos").get(0);
        assertThat(runtime.getACL().forPath(node)).isEqualTo(owner);

        CuratorFramework intruder = client("intruder:other");
        assertThatThrownBy(() -> intruder.getData().forPath(node)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.getChildren().forPath("/mesos"))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath("/mesos/json.info_0000000000", new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.setData().forPath(node, new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.delete().forPath(node)).isInstanceOf(KeeperException.NoAuthException.class);

        CuratorFramework sameIdentity = client("plumbery:secret");
        assertThat(new String(sameIdentity.getData().forPath(node), StandardCharsets.UTF_8)).isEqualTo("{}");
        sameIdentity.create().forPath("/mesos/marker", new byte[] {1});
        assertThat(runtime.getChildren().forPath("/mesos")).contains("marker");
    }
}
