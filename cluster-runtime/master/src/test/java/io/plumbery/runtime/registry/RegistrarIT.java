package io.plumbery.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar against a real in-process ZooKeeper: durable changes, batched writes, fencing of deposed leaders. */
class RegistrarIT {
    static final RegistryConfig CONFIG = RegistryConfig.defaults();
    final List<AutoCloseable> open = new ArrayList<>();
    TestingServer zk;

    @BeforeEach
    void startZooKeeper() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        zk = new TestingServer(port, true);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        zk.close();
    }

    CuratorFramework client(String userinfo) throws InterruptedException {
        CuratorFramework c = Zk.client(ZkUrl.parse("zk://" + userinfo + zk.getConnectString() + "/mesos"), 4000);
        open.add(c);
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return c;
    }

    Registrar registrar(CuratorFramework client) {
        Registrar r = new Registrar(new ZkRegistryStore(client, "/mesos"), CONFIG);
        open.add(r);
        return r;
    }

    /** A registrar that has recovered the registry as leader {@code masterId}. */
    Registrar leading(CuratorFramework client, String masterId) throws Exception {
        Registrar r = registrar(client);
        r.recover(master(masterId));
        return r;
    }

    static MasterInfo master(String id) {
        return MasterInfo.of(id, "127.0.0.1", "localhost", 5050, "1.11.0");
    }

    Registry stored(CuratorFramework client) throws Exception {
        return Json.read(ZkRegistryStore.decoded(client.getData().forPath("/mesos/registry")), Registry.class);
    }

    @Test
    void recoveryCreatesTheRegistryAndNamesTheLeader() throws Exception {
        CuratorFramework client = client("");
        Registry recovered = registrar(client).recover(master("m1"));
        assertThat(recovered.agents()).isEmpty();
        assertThat(stored(client).master().id()).isEqualTo("m1");
        assertThat(client.checkExists().forPath("/mesos/registry").getVersion()).isEqualTo(1);
    }

    @Test
    void aChangeIsStoredWhenItsFutureCompletesAndANewLeaderRecoversIt() throws Exception {
        CuratorFramework client = client("");
        Registrar first = leading(client, "m1");
        first.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS);
        assertThat(stored(client).agents()).extracting(AdmittedAgent::id).containsExactly("a1");
        first.apply(r -> r.admit(RegistryTest.agent("a2")));
        first.apply(r -> r.markUnreachable(List.of("a1"), Mark.now("a1").timestamp()));
        first.apply(r -> r.removeFramework(Mark.now("fw-1")));
        first.store(Section.WEIGHTS, Json.parse("[{\"role\":\"dev\",\"weight\":3}]")).get(5, TimeUnit.SECONDS);
        assertThat(first.section(Section.WEIGHTS).orElseThrow().get(0).path("weight").asInt()).isEqualTo(3);

        Registry recovered = registrar(client("")).recover(master("m2"));
        assertThat(recovered.master().id()).isEqualTo("m2");
        assertThat(recovered.agents()).extracting(AdmittedAgent::id).containsExactly("a2");
        assertThat(recovered.unreachable()).extracting(Mark::id).containsExactly("a1");
        assertThat(recovered.removedFrameworks()).extracting(Mark::id).containsExactly("fw-1");
        assertThat(recovered.section(Section.WEIGHTS)).isPresent();
    }

    @Test
    void changesQueuedTogetherGoOutInFewWrites() throws Exception {
        CuratorFramework client = client("");
        Registrar registrar = leading(client, "m1");
        int before = client.checkExists().forPath("/mesos/registry").getVersion();
        List<CompletableFuture<Registry>> admitted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            AdmittedAgent agent = RegistryTest.agent("agent-" + i);
            admitted.add(registrar.apply(r -> r.admit(agent)));
        }
        CompletableFuture.allOf(admitted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int writes = client.checkExists().forPath("/mesos/registry").getVersion() - before;
        assertThat(stored(client).agents()).hasSize(1000);
        assertThat(writes).isBetween(1, 100);
        System.out.printf("1000 agents admitted in %d registry writes%n", writes);
    }

    @Test
    void tenThousandAgentsFitOneZnode() throws Exception {
        CuratorFramework client = client("");
        Registrar registrar = leading(client, "m1");
        registrar.apply(r -> {
            Registry many = r;
            for (int i = 0; i < 10_000; i++) {
                many = many.admit(new AdmittedAgent("agent-" + i, RegistryTest.agent("agent-" + i).info(),
                        "10.0." + i / 250 + "." + i % 250 + ":5051"));
            }
            return many;
        }).get(30, TimeUnit.SECONDS);
        byte[] stored = client.getData().forPath("/mesos/registry");
        assertThat(stored.length).isLessThan(1024 * 1024);
        assertThat(Json.bytes(registrar.current().orElseThrow()).length).isGreaterThan(1024 * 1024);
        assertThat(registrar(client("")).recover(master("m2")).agents()).hasSize(10_000);
        // a small registry stays plain JSON
        assertThat(new String(ZkRegistryStore.encoded(Registry.EMPTY))).startsWith("{");
    }

    @Test
    void aChangeThatChangesNothingWritesNothing() throws Exception {
        CuratorFramework client = client("");
        Registrar registrar = leading(client, "m1");
        registrar.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS);
        Stat before = client.checkExists().forPath("/mesos/registry");
        registrar.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS);
        assertThat(client.checkExists().forPath("/mesos/registry").getVersion()).isEqualTo(before.getVersion());
    }

    @Test
    void aDeposedLeaderCannotOverwriteTheNewLeadersRegistry() throws Exception {
        CuratorFramework oldClient = client("");
        Registrar deposed = registrar(oldClient);
        AtomicInteger failures = new AtomicInteger();
        deposed.onFailure(failures::incrementAndGet);
        deposed.recover(master("old"));
        deposed.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS);

        CuratorFramework newClient = client("");
        Registrar leader = leading(newClient, "new");
        leader.apply(r -> r.markUnreachable(List.of("a1"), Mark.now("a1").timestamp())).get(5, TimeUnit.SECONDS);

        CompletableFuture<Registry> stale = deposed.apply(r -> r.admit(RegistryTest.agent("a1")).admit(RegistryTest.agent("a9")));
        assertThatThrownBy(() -> stale.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RegistryStore.Fenced.class);
        assertThat(failures).hasValue(1);
        Registry stored = stored(newClient);
        assertThat(stored.master().id()).isEqualTo("new");
        assertThat(stored.agents()).isEmpty();
        assertThat(stored.unreachable()).extracting(Mark::id).containsExactly("a1");
        // once fenced, it refuses every change until it is elected (recovers) again
        assertThatThrownBy(() -> deposed.apply(r -> r.admit(RegistryTest.agent("a2"))).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(deposed.current()).isEmpty();
    }

    @Test
    void changesOfAnAbandonedTermFail() throws Exception {
        Registrar registrar = leading(client(""), "m1");
        registrar.abandon();
        assertThatThrownBy(() -> registrar.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        registrar.recover(master("m1"));
        registrar.apply(r -> r.admit(RegistryTest.agent("a1"))).get(5, TimeUnit.SECONDS);
        assertThat(registrar.current().orElseThrow().agents()).hasSize(1);
    }

    @Test
    void withCredentialsTheRegistryIsTheMastersOnly() throws Exception {
        CuratorFramework client = client("plumbery:secret@");
        registrar(client).recover(master("m1"));
        List<ACL> acl = client.getACL().forPath("/mesos/registry");
        assertThat(acl).hasSize(1);
        assertThat(acl.get(0).getId().getScheme()).isEqualTo("digest");
        assertThat(acl.get(0).getId().getId()).startsWith("plumbery:");
        assertThat(acl.get(0).getPerms()).isEqualTo(ZooDefs.Perms.ALL);
        CuratorFramework stranger = client("other:pw@");
        assertThatThrownBy(() -> stranger.getData().forPath("/mesos/registry"))
                .isInstanceOf(org.apache.zookeeper.KeeperException.NoAuthException.class);
    }

    @Test
    void pruningAppliesToWhatIsRecovered() throws Exception {
        CuratorFramework client = client("");
        Registrar first = leading(client, "m1");
        first.apply(r -> r.markGone(new Mark("ancient", RegistryTest.at(1)))).get(5, TimeUnit.SECONDS);
        Registrar strict = new Registrar(new ZkRegistryStore(client, "/mesos"),
                new RegistryConfig(Duration.ofMinutes(10), Duration.ofDays(1), 10));
        open.add(strict);
        assertThat(strict.recover(master("m2")).gone()).isEmpty();
        assertThat(stored(client).gone()).isEmpty();
    }
}
