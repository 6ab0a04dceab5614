package io.plumbery.runtime.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.election.Zk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code zookeeper} service: standalone, and a real 3-peer quorum on loopback that survives losing one peer. */
class ZooKeeperServiceIT {
    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private Path config(String name, int clientPort, String servers) throws IOException {
        Path data = dir.resolve(name);
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, "tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=" + data + "\nclientPort=" + clientPort
                + "\nclientPortAddress=127.0.0.1\n" + servers, StandardCharsets.UTF_8);
        return cfg;
    }

    @Test
    void standaloneServes() throws Exception {
        int port = freePort();
        ZooKeeperService zk = new ZooKeeperService(config("solo", port, ""), null);
        zk.start();
        open.add(zk);
        assertThat(zk.isQuorum()).isFalse();
        CuratorFramework client = Zk.client("127.0.0.1:" + port, 4000);
        open.add(client);
        client.start();
        client.create().forPath("/hello", "world".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(client.getData().forPath("/hello"), StandardCharsets.UTF_8)).isEqualTo("world");
    }

    @Test
    void quorumOfThreeKeepsServingWhenOnePeerStops() throws Exception {
        int[] client = new int[3];
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            client[i] = freePort();
            servers.append("server.").append(i + 1).append("=127.0.0.1:").append(freePort()).append(':')
                    .append(freePort()).append('\n');
        }
        List<ZooKeeperService> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ZooKeeperService peer = new ZooKeeperService(config("zk" + (i + 1), client[i], servers.toString()), i + 1);
            peer.start();
            open.add(peer);
            peers.add(peer);
        }
        assertThat(peers).allMatch(ZooKeeperService::isQuorum);
        String connect = "127.0.0.1:" + client[0] + ",127.0.0.1:" + client[1] + ",127.0.0.1:" + client[2];
        CuratorFramework zk = Zk.client(connect, 4000);
        open.add(zk);
        zk.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> zk.create().creatingParentsIfNeeded().forPath("/mesos/before") != null);

        peers.get(0).close();
        open.remove(peers.get(0));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                zk.create().withMode(CreateMode.PERSISTENT).forPath("/mesos/after", new byte[] {1}) != null);
        assertThat(zk.getChildren().forPath("/mesos")).containsExactlyInAnyOrder("before", "after");
        CuratorFramework viaSurvivor = Zk.client("127.0.0.1:" + client[2], 4000);
        open.add(viaSurvivor);
        viaSurvivor.start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> viaSurvivor.checkExists().forPath("/mesos/after") != null);
    }
}
