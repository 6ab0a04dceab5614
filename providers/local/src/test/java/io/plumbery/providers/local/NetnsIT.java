package io.plumbery.providers.local;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.Providers;
import io.plumbery.providers.PublicAddressRequest;
import org.junit.jupiter.api.AfterAll;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code provider: local-netns}: a dozen sshd-only nodes, found through the ServiceLoader. */
@ExtendWith(RunsNodes.class)
class NetnsIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pbnetns";
    static final String SUBNET = "10.77.204.0/24";
    static final Path WORK = Path.of("target", "it-netns").toAbsolutePath();

    static LocalProvider provider;
    static SshIdentity identity;
    static long last = System.nanoTime();

    static void phase(String what) {
        long now = System.nanoTime();
        System.out.printf("NetnsIT: %s (%.1f s)%n", what, (now - last) / 1e9);
        last = now;
    }

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        Provider p = Providers.discover().open("local-netns", new ProviderSettings(PLAN, WORK, identity,
                Map.of("stateDir", WORK.resolve("state").toString(), "imageCache", CrashIT.imageCacheOption())));
        assertEquals("local-netns", p.name());
        phase("opened");
        provider = PURGE.clean((LocalProvider) p);
        phase("purged");
    }

    @Test
    void aDozenNodesInAboutASecond() throws Exception {
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("netns", PLAN, "eth", SUBNET));
        BaseImage.ensure(Path.of(CrashIT.imageCacheOption()), BaseImage.mirror(Path.of("/etc/apt")), System.out::println);
        phase("network and image");
        long t = System.nanoTime();
        List<NodeRecord> nodes = Parallel.map(IntStream.rangeClosed(1, 12).mapToObj(i -> "t" + i).toList(),
                name -> provider.createNode(new NodeRequest(name, net, 1, 256, List.of(), "debian", NodeLogin.userData(identity))));
        System.out.printf("NetnsIT: 12 local-netns nodes answering SSH in %.1f s%n", (System.nanoTime() - t) / 1e9);

        for (NodeRecord node : nodes) {
            assertEquals("netns", node.attributes().get("kind"));
            CommandResult r = ssh(node, "hostname; ip -4 -o addr show host0; sudo -n id -u");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().startsWith(node.name() + "\n"), r.stdout());
            assertTrue(r.stdout().contains("inet " + node.privateAddress() + "/24"), r.stdout());
            assertTrue(r.stdout().endsWith("0\n"), "password-less sudo: " + r.stdout());
        }
        ExecutorService twice = Executors.newFixedThreadPool(2);
        try {
            Future<NodeRecord> x = twice.submit(() -> provider.createNode(new NodeRequest("t1", net, 1, 256, List.of(),
                    "debian", NodeLogin.userData(identity))));
            Future<NodeRecord> y = twice.submit(() -> provider.createNode(new NodeRequest("t1", net, 1, 256, List.of(),
                    "debian", NodeLogin.userData(identity))));
            assertEquals(nodes.get(0).privateAddress(), x.get().privateAddress());
            assertEquals(x.get().attributes().get("pid"), y.get().attributes().get("pid"), "one launcher, not two");
        } finally {
            twice.shutdownNow();
        }
        phase("checked");
        NodeRecord a = nodes.get(0);
        NodeRecord b = nodes.get(1);
        // also where Docker set iptables' FORWARD policy to DROP (bin/test starts a Docker engine)
        assertEquals(0, ssh(a, "ping -c 1 -W 3 " + b.privateAddress()).exitCode(), "node to node");
        assertEquals(0, ssh(a, "sudo sh -c 'echo mine > /etc/only-a'").exitCode());
        assertEquals(1, ssh(b, "test -e /etc/only-a").exitCode(), "writes are private to the node");
        assertFalse(Files.exists(Path.of(a.attributes().get("image"), "etc/only-a")), "the image stays read-only");

        provider.ensurePublicAddress(PublicAddressRequest.tcp("a-pub", a, List.of(22)));
        assertEquals(a.name() + "\n", NodeLogin.run(PublicAddress.of(a.privateAddress()), identity,
                a.ssh().hostKey(), "hostname", Duration.ofSeconds(20)).stdout());

        phase("public address");
        assertEquals(NodeStatus.STOPPED, provider.stopNode(b).status());
        phase("stopped");
        assertEquals(NodeStatus.RUNNING, provider.startNode(b).status());
        phase("started");
        for (long pid : Cgroups.pids(b.attributes().get("cgroup"))) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(Wait.polling(Duration.ofSeconds(10), Duration.ofMillis(100)).until(() -> {
            try {
                return provider.refreshNode(b).status() == NodeStatus.STOPPED;
            } catch (Exception e) {
                return false;
            }
        }), "killed from outside: STOPPED");

        phase("killed");
        t = System.nanoTime();
        for (NodeRecord node : nodes) {
            provider.destroyNode(node);
        }
        provider.destroyNetwork(net);
        System.out.printf("NetnsIT: destroyed in %.1f s%n", (System.nanoTime() - t) / 1e9);
        List<String> left = HostCheck.ours(provider);
        assertTrue(left.isEmpty(), left.toString());
    }

    @Test
    void anAcceptListLetsOneNetworkInAndNotTheOtherWayRound() throws Exception {
        BaseImage.ensure(Path.of(CrashIT.imageCacheOption()), BaseImage.mirror(Path.of("/etc/apt")), System.out::println);
        NetworkRecord front = provider.ensureNetwork(new NetworkRequest("front", PLAN, "front", "10.77.205.0/24"));
        NetworkRecord back = provider.ensureNetwork(new NetworkRequest("back", PLAN, "back", "10.77.206.0/24"));
        NodeRecord web = provider.createNode(new NodeRequest("web", front, 1, 256, List.of(), "debian", NodeLogin.userData(identity)));
        NodeRecord db = provider.createNode(new NodeRequest("db", back, 1, 256, List.of(), "debian",
                NodeLogin.userData(identity)));
        String ping = "ping -c 1 -W 2 ";
        assertEquals(1, ssh(web, ping + db.privateAddress()).exitCode(), "no accept list: networks are apart");

        // back accepts front: what Firewalls makes of `accept: [front]`
        provider.ensureFirewall(new FirewallRequest("back-fw", back, List.of(
                FirewallRule.everything("accept-front", "10.77.205.0/24", "10.77.206.0/24"))));
        assertEquals(0, ssh(web, ping + db.privateAddress()).exitCode(), "front reaches back (and gets the replies)");
        long t = System.nanoTime();
        CommandResult refused = ssh(db, ping + web.privateAddress());
        assertEquals(1, refused.exitCode(), "back does not reach front: " + refused.stdout());
        assertTrue(System.nanoTime() - t < 2_000_000_000L || refused.stdout().contains("prohibited"),
                "refused at once by the host: " + refused.stdout());

        provider.ensureFirewall(new FirewallRequest("back-fw", back, List.of()));
        assertEquals(1, ssh(web, ping + db.privateAddress()).exitCode(), "the accept list is gone again");

        provider.destroyNode(web);
        provider.destroyNode(db);
        provider.destroyNetwork(front);
        provider.destroyNetwork(back);
        List<String> left = HostCheck.ours(provider);
        assertTrue(left.isEmpty(), left.toString());
    }

    private static CommandResult ssh(NodeRecord node, String command) {
        return NodeLogin.run(node.privateAddress(), identity, node.ssh().hostKey(), command, Duration.ofSeconds(20));
    }
}
