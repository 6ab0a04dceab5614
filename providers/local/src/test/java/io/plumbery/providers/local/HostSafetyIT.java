package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.ListedHostKeys;
import io.plumbery.node.ssh.SshConnector;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshException;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.Naming;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.RecordDir;
import io.plumbery.providers.host.TestKeys;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the host side guarantees, with real nodes: two plans of the same name in two folders live side by side and
 * one's dispose leaves the other running; a node cannot reach a service bound to the host's 127.0.0.1, while the
 * forwarded ports (the package proxy at its gateway, the public address) still work; root is refused on a node;
 * a plan subnet's unreachable route is there while the plan is, and gone after. Needs root (see {@link RunsNodes}).
 */
@ExtendWith(RunsNodes.class)
class HostSafetyIT {

    @RegisterExtension
    static final Purge PURGE_A = new Purge();
    @RegisterExtension
    static final Purge PURGE_B = new Purge();
    @RegisterExtension
    static final Purge PURGE_OLD = new Purge();

    static final String PLAN = "hsit";
    static final String SUBNET_A = "10.77.218.0/24";
    static final String SUBNET_B = "10.77.219.0/24";
    static final Path WORK = Path.of("target", "it-host-safety").toAbsolutePath();

    static SshIdentity identity;
    static LocalProvider a;
    static LocalProvider b;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK.resolve("keys"));
        a = PURGE_A.clean(open(WORK.resolve("project a/.plumbery/" + PLAN)));
        b = PURGE_B.clean(open(WORK.resolve("project b/.plumbery/" + PLAN)));
    }

    private static LocalProvider open(Path workDir) throws Exception {
        return LocalProvider.open(settings(PLAN, workDir));
    }

    @Test
    void samePlanNameInTwoFoldersSideBySideAndTheHostLeftAsItWasFound() throws Exception {
        assertNotEquals(a.naming().nftTable(), b.naming().nftTable());
        assertNotEquals(a.naming().bridgePrefix(), b.naming().bridgePrefix());
        assertNotEquals(a.naming().cgroupRoot(), b.naming().cgroupRoot());
        NetworkRecord netA = a.ensureNetwork(new NetworkRequest("hsit-net", PLAN, "web", SUBNET_A));
        NetworkRecord netB = b.ensureNetwork(new NetworkRequest("hsit-net", PLAN, "web", SUBNET_B));
        assertTrue(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET_A)), "routed nowhere while the plan is there");
        a.ensureFirewall(new FirewallRequest("hsit-fw", netA,
                List.of(new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", SUBNET_A))));
        List<NodeRecord> nodes = Parallel.map(List.of(Map.entry(a, netA), Map.entry(b, netB)), e -> e.getKey()
                .createNode(new NodeRequest("web1", e.getValue(), 1, 512, List.of(), "debian",
                        NodeLogin.userData(identity))));
        NodeRecord nodeA = nodes.get(0);
        NodeRecord nodeB = nodes.get(1);
        assertNotEquals(nodeA.id(), nodeB.id(), "two machines, one name each");
        PublicAddressRecord pub = a.ensurePublicAddress(PublicAddressRequest.tcp("web1-pub", nodeA, List.of(22)));

        // root is refused; the plan's admin user gets in and has sudo
        assertEquals("root\n", ssh(nodeA, nodeA.privateAddress(), "sudo -n id -un").stdout());
        SshException refused = assertThrows(SshException.class, () -> new SshConnector(
                new ListedHostKeys(() -> List.of(nodeA.ssh().hostKey())), identity, Wait.upTo(1), Duration.ofSeconds(5))
                .run(new SshEndpoint(nodeA.privateAddress(), 22, "root", null), "true", Duration.ofSeconds(20)));
        assertTrue(causedBy(refused, UserAuthException.class), "root: " + refused);

        // a service bound to the host's 127.0.0.1 stays out of reach of a node that routes 127.0.0.1 to the host
        try (ServerSocket service = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            service.setSoTimeout(1000);
            String gateway = AddressPlan.hostAddress(Subnet.parse(SUBNET_A));
            long before = guardDrops(a);
            CommandResult tried = ssh(nodeA, nodeA.privateAddress(), "sudo sh -c '"
                    + "sysctl -qw net.ipv4.conf.all.route_localnet=1 net.ipv4.conf.host0.route_localnet=1 && "
                    + "ip route del local 127.0.0.1 dev lo table local && "
                    + "ip route del local 127.0.0.0/8 dev lo table local && "
                    + "ip route add 127.0.0.1/32 via " + gateway + " dev host0' && ip route get 127.0.0.1; "
                    + "timeout 5 bash -c 'echo hello > /dev/tcp/127.0.0.1/" + service.getLocalPort() + "'; "
                    + "echo \"exit $?\"");
            System.out.println("HostSafetyIT: node to the host's 127.0.0.1: " + tried.stdout().strip());
            assertTrue(tried.stdout().contains("127.0.0.1 via " + gateway), "the node sends it to the host: " + tried);
            assertFalse(tried.stdout().contains("exit 0"), tried.stdout());
            assertThrows(SocketTimeoutException.class, service::accept, "nothing reached the service");
            assertTrue(guardDrops(a) > before, "dropped by the plan's loopback guard");
        }
        // ... while what is forwarded still works: the package proxy at the gateway, the public address
        CommandResult proxy = ssh(nodeA, nodeA.privateAddress(), "timeout 5 bash -c 'echo > /dev/tcp/"
                + AddressPlan.hostAddress(Subnet.parse(SUBNET_A)) + "/3149' && echo proxy-reached");
        assertTrue(proxy.stdout().contains("proxy-reached"), proxy.toString());
        assertEquals("web1\n", ssh(nodeA, pub.address(), "hostname").stdout(), "ssh through the public address");

        // disposing one plan leaves the other running
        a.releasePublicAddress(pub);
        a.destroyNode(nodeA);
        a.destroyFirewall(a.ensureFirewall(new FirewallRequest("hsit-fw", netA, List.of())));
        a.destroyNetwork(netA);
        assertEquals(List.of(), HostCheck.ours(a), "nothing of plan a is left");
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET_A)), "its route goes with its network");
        assertEquals(NodeStatus.RUNNING, b.refreshNode(nodeB).status());
        assertEquals("web1\n", ssh(nodeB, nodeB.privateAddress(), "hostname").stdout(), "b's node still answers");
        assertTrue(Bridges.linkExists(netB.attributes().get("bridge")));
        assertTrue(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET_B)));
        assertTrue(Exec.run(Duration.ofSeconds(10), List.of("nft", "list", "table", "ip", b.naming().nftTable())).ok());

        b.destroyNode(nodeB);
        b.destroyNetwork(netB);
        assertEquals(List.of(), HostCheck.ours(b), "nothing of plan b is left");
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET_B)));
    }

    @Test
    void aPlanOfAnEarlierVersionIsFoundAndDisposedByTheNamesItHas() throws Exception {
        String plan = "hsold";
        Path workDir = WORK.resolve("old project/.plumbery/" + plan);
        Path records = Naming.recordsDir(workDir.resolve("local"), plan);
        // what an earlier version left: names from the plan's name alone, and no record of them
        RecordDir.write(records.resolve(Naming.FILE), Naming.Names.legacy(plan));
        PURGE_OLD.clean(LocalProvider.open(settings(plan, workDir), Machine.NETNS)); // a crashed run's leftovers
        RecordDir.write(records.resolve(Naming.FILE), Naming.Names.legacy(plan));
        LocalProvider old = LocalProvider.open(settings(plan, workDir), Machine.NETNS);
        assertEquals("plumbery_hsold", old.naming().nftTable());
        NetworkRecord net = old.ensureNetwork(new NetworkRequest("hsold-net", plan, "web", "10.77.217.0/24"));
        NodeRecord node = old.createNode(new NodeRequest("old1", net, 1, 256, List.of(), "debian",
                NodeLogin.userData(identity)));
        Files.delete(records.resolve(Naming.FILE));

        LocalProvider now = LocalProvider.open(settings(plan, workDir), Machine.NETNS);
        assertEquals(old.naming().names(), now.naming().names(), "found by the names it has");
        assertEquals(NodeStatus.RUNNING, now.refreshNode(node).status());
        now.destroyNode(node);
        now.destroyNetwork(net);
        assertEquals(List.of(), HostCheck.ours(now), "nothing of it is left");
        assertFalse(Exec.run(Duration.ofSeconds(10), List.of("nft", "list", "table", "ip", "plumbery_hsold")).ok());
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse("10.77.217.0/24")));
    }

    private static ProviderSettings settings(String plan, Path workDir) {
        Map<String, String> options = new HashMap<>(Map.of("bootTimeoutSeconds", "240"));
        String cache = System.getProperty("plumbery.local.imageCache");
        if (cache != null && !cache.isBlank()) {
            options.put("imageCache", cache);
        }
        return new ProviderSettings(plan, workDir, identity, options);
    }

    /** Packets the loopback guard of the plan's table dropped so far. */
    private static long guardDrops(LocalProvider provider) throws Exception {
        String chain = Exec.check(Duration.ofSeconds(10), List.of("nft", "list", "chain", "ip",
                provider.naming().nftTable(), "loopback_guard"));
        long total = 0;
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(chain);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static CommandResult ssh(NodeRecord node, String host, String command) {
        return NodeLogin.run(host, identity, node.ssh().hostKey(), command, Duration.ofSeconds(30));
    }
}
