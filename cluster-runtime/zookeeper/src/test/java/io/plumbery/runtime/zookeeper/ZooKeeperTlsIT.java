package io.plumbery.runtime.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that takes clients over TLS only (zoo.cfg as the deploy writes it: {@code secureClientPort}, Netty, a PEM
 * key store of the node's key and certificate, the plan's authority as trust store, digest enforced), and clients
 * configured as ZooKeeper documents it ({@code zookeeper.client.secure}, a Netty socket, a trust store): the runtime's
 * own client reaches it with its credentials; a plain client and one that trusts another authority get no session.
 */
class ZooKeeperTlsIT {
    private static final String[] CLIENT_KEYS = {"zookeeper.client.secure", "zookeeper.clientCnxnSocket"};

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    TestCertificates certs;
    int port;

    @BeforeEach
    void tlsOnlyServer() throws Exception {
        // ZooKeeper verifies the name its client finds for the address (127.0.0.1: localhost), as nodes find theirs in
        // /etc/hosts; plan certificates carry the node names and addresses
        certs = TestCertificates.make(dir, "IP:127.0.0.1,DNS:localhost");
        Path keyStore = dir.resolve("node-bundle.pem");
        Files.writeString(keyStore, Files.readString(certs.file("node.key")) + Files.readString(certs.file("node.pem")));
        port = ZooKeeperServiceIT.freePort();
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), String.join("\n", "tickTime=500",
                "dataDir=" + dir.resolve("data"), "secureClientPort=" + port, "secureClientPortAddress=127.0.0.1",
                "serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location=" + keyStore, "ssl.keyStore.type=PEM",
                "ssl.trustStore.location=" + certs.file("ca.pem"), "ssl.trustStore.type=PEM", "ssl.clientAuth=none",
                "enforce.auth.enabled=true", "enforce.auth.schemes=digest", ""), StandardCharsets.UTF_8);
        ZooKeeperService zk = new ZooKeeperService(cfg, null);
        zk.start();
        open.add(zk);
        assertThat(zk.clientPort()).isEqualTo(port);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (String key : CLIENT_KEYS) {
            System.clearProperty(key);
        }
    }

    @Test
    void theRuntimesClientReachesItOverTlsWithTheJvmFlagsOfTheDeploy() throws Exception {
        // the deploy's JAVA_OPTS: -Dzookeeper.client.secure=true -Dzookeeper.clientCnxnSocket=... and the trust
        // store; in this JVM the server's zoo.cfg has already set the same zookeeper.ssl.* names
        System.setProperty("zookeeper.client.secure", "true");
        System.setProperty("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty");
        CuratorFramework c = Zk.client(ZkUrl.parse("zk://plumbery:s3cret@127.0.0.1:" + port + "/mesos"), 4000);
        open.add(c);
        c.start();
        assertThat(c.blockUntilConnected(15, TimeUnit.SECONDS)).isTrue();
        c.create().creatingParentsIfNeeded().forPath("/mesos/tls", "yes".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(c.getData().forPath("/mesos/tls"), StandardCharsets.UTF_8)).isEqualTo("yes");
    }

    @Test
    void withoutHostnameVerificationTheAuthorityAloneDecides() throws Exception {
        // the deploy's clients do not check names (a machine the plan does not own names itself as it likes), so
        // only the plan's authority stands between them and another server
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        config.setProperty("zookeeper.ssl.trustStore.location", certs.file("ca.pem").toString());
        config.setProperty("zookeeper.ssl.trustStore.type", "PEM");
        config.setProperty("zookeeper.ssl.hostnameVerification", "false");
        assertThat(connects(config)).isTrue();
        config.setProperty("zookeeper.ssl.trustStore.location", certs.file("other.pem").toString());
        assertThat(connects(config)).isFalse();
    }

    @Test
    void aPlainClientGetsNoSession() throws Exception {
        ZKClientConfig plain = new ZKClientConfig();
        plain.setProperty(ZKClientConfig.SECURE_CLIENT, "false");
        assertThat(connects(plain)).isFalse();
    }

    @Test
    void aClientThatTrustsAnotherAuthorityGetsNoSession() throws Exception {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        config.setProperty("zookeeper.ssl.trustStore.location", certs.file("other.pem").toString());
        config.setProperty("zookeeper.ssl.trustStore.type", "PEM");
        assertThat(connects(config)).isFalse();
        config.setProperty("zookeeper.ssl.trustStore.location", certs.file("ca.pem").toString());
        assertThat(connects(config)).isTrue();
    }

    /** Whether a session is made within 3 s (the server answers a good client in well under one). */
    private boolean connects(ZKConfig config) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + port, 4000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, (ZKClientConfig) config);
        try {
            return connected.await(3, TimeUnit.SECONDS);
        } finally {
            zk.close(1000);
        }
    }
}
