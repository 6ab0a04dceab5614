package io.plumbery.providers.local;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.SshException;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import org.junit.jupiter.api.AfterAll;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the provider through the SPI with real nodes: needs root, Linux and a host where systemd-nspawn
 * can run (the provider installs missing tools with apt). Skipped with a printed reason elsewhere.
 * Set {@code -Dplumbery.local.imageCache=DIR} to share the base image cache.
 */
@ExtendWith(RunsNodes.class)
class LocalProviderIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pbit";
    static final String SUBNET = "10.77.201.0/24";
    static final Path WORK = Path.of("target", "it-local").toAbsolutePath();

    static LocalProvider provider;
    static SshIdentity identity;
    static List<String> before;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        Map<String, String> options = new java.util.HashMap<>(Map.of("stateDir", WORK.resolve("state").toString(),
                "bootTimeoutSeconds", "240"));
        String cache = System.getProperty("plumbery.local.imageCache");
        if (cache != null && !cache.isBlank()) {
            options.put("imageCache", cache);
        }
        provider = PURGE.clean(LocalProvider.open(new ProviderSettings(PLAN, WORK, identity, options)));
        before = HostCheck.ours(provider);
        System.out.println("LocalProviderIT: ours before = " + before + "\n" + HostCheck.listing());
    }

    @Test
    void nodesOnABridgeThroughTheSpi() throws Exception {
        long t0 = System.nanoTime();
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("pbit-net", "pbit", "pbit-eth", SUBNET));
        assertEquals(net, provider.ensureNetwork(new NetworkRequest("pbit-net", "pbit", "pbit-eth", SUBNET)),
                "ensureNetwork is idempotent");
        String bridge = net.attributes().get("bridge");
        assertTrue(Bridges.linkExists(bridge));
        assertTrue(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)));
        provider.ensureFirewall(new FirewallRequest("pbit-fw", net,
                List.of(new FirewallRule("ssh", Protocol.TCP, 22, "0.0.0.0/0", SUBNET))));

        // three nodes in parallel; the first also builds the base image if the cache lacks it
        long t1 = System.nanoTime();
        List<NodeRecord> nodes = Parallel.map(List.of("n1", "n2", "n3"), name -> provider.createNode(
                new NodeRequest(name, net, 1, 512, List.of(), "debian", NodeLogin.userData(identity))));
        long t2 = System.nanoTime();
        System.out.printf("LocalProviderIT: 3 nodes up with cloud-init finished in %.1f s%n", (t2 - t1) / 1e9);

        for (NodeRecord node : nodes) {
            assertEquals(NodeStatus.RUNNING, node.status());
            assertNotNull(node.ssh().hostKey(), "host key recorded");
            assertTrue(Subnet.parse(SUBNET).contains(node.privateAddress()));
            CommandResult r = ssh(node, node.privateAddress(), "hostname; ip -4 -o addr; ip route");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().startsWith(node.name() + "\n"), r.stdout());
            assertTrue(r.stdout().contains("inet " + node.privateAddress() + "/24"), r.stdout());
            // the host decides what is forwarded (accept lists only; everything else refused at once)
            assertTrue(r.stdout().contains("default via " + AddressPlan.hostAddress(Subnet.parse(SUBNET)) + " dev host0"),
                    "routes through the host's side of the bridge: " + r.stdout());
            String limits = node.attributes().get("limits");
            assertTrue(limits.startsWith("enforced") || limits.startsWith("not enforced"), limits);
            if (limits.startsWith("enforced")) {
                assertEquals(String.valueOf(512L << 20), ssh(node, node.privateAddress(),
                        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes").stdout().trim(), "memory limit seen inside");
            }
        }
        NodeRecord n1 = nodes.get(0);
        NodeRecord n2 = nodes.get(1);
        NodeRecord n3 = nodes.get(2);
        assertEquals(n1.privateAddress(), provider.createNode(new NodeRequest("n1", net, 1, 512, List.of(), "debian",
                NodeLogin.userData(identity))).privateAddress(), "createNode is idempotent");

        // node to node
        CommandResult ping = ssh(n1, n1.privateAddress(), "ping -c 1 -W 3 " + n2.privateAddress()
                + " && timeout 5 bash -c 'echo > /dev/tcp/" + n2.privateAddress() + "/22' && echo connected");
        assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());
        assertTrue(ping.stdout().contains("connected"));

        // public address: exactly the listed ports reach the node, through the firewall
        assertEquals(0, ssh(n1, n1.privateAddress(), "setsid nohup python3 -m http.server 8080 >/dev/null 2>&1 "
                + "</dev/null & sleep 0.1").exitCode());
        PublicAddressRecord pub = provider.ensurePublicAddress(PublicAddressRequest.tcp("n1-pub", n1, List.of(22, 8080)));
        assertEquals(PublicAddress.of(n1.privateAddress()), pub.address());
        assertEquals(pub, provider.ensurePublicAddress(PublicAddressRequest.tcp("n1-pub", n1, List.of(22, 8080))),
                "ensurePublicAddress is idempotent");
        assertEquals(pub.address(), provider.refreshNode(n1).publicAddress());
        assertEquals(n1.name() + "\n", ssh(n1, pub.address(), "hostname").stdout(), "ssh through the public address");
        assertTrue(Wait.polling(Duration.ofSeconds(10), Duration.ofMillis(200)).until(
                () -> reachable(n1.privateAddress(), 8080)), "http.server listens on the node");
        assertFalse(reachable(pub.address(), 8080), "8080 is forwarded but the firewall only accepts 22");
        assertFalse(reachable(pub.address(), 2222), "a port that is not listed is not reachable");
        provider.ensureFirewall(new FirewallRequest("pbit-fw", net, List.of(
                new FirewallRule("ssh", Protocol.TCP, 22, "0.0.0.0/0", SUBNET),
                new FirewallRule("web", Protocol.TCP, 8080, "0.0.0.0/0", n1.privateAddress()))));
        assertTrue(reachable(pub.address(), 8080), "8080 open once the firewall accepts it");
        provider.ensureFirewall(new FirewallRequest("pbit-fw", net, List.of(
                new FirewallRule("web", Protocol.TCP, 8080, "0.0.0.0/0", n1.privateAddress()))));
        assertFalse(reachable(pub.address(), 22), "the rule set is replaced as a whole: 22 is closed now");
        assertTrue(reachable(n1.privateAddress(), 22), "the host still reaches private addresses directly");

        // UDP: a forwarded range reaches the node once the firewall accepts it, as TCP does
        assertEquals(0, ssh(n1, n1.privateAddress(), "setsid nohup python3 -c \"import socket; s = socket.socket("
                + "socket.AF_INET, socket.SOCK_DGRAM); s.bind(('', 5005)); [s.sendto(*s.recvfrom(512)) for _ in "
                + "iter(int, 1)]\" >/dev/null 2>&1 </dev/null & sleep 0.1").exitCode());
        assertTrue(Wait.polling(Duration.ofSeconds(10), Duration.ofMillis(200)).until(
                () -> echoes(n1.privateAddress(), 5005)), "the UDP echo answers on the node");
        provider.ensurePublicAddress(new PublicAddressRequest("n1-pub", n1,
                List.of(PortRange.tcp(22), PortRange.tcp(8080), PortRange.udp(5000, 5010))));
        assertFalse(echoes(pub.address(), 5005), "5005 is forwarded but the firewall accepts no UDP");
        provider.ensureFirewall(new FirewallRequest("pbit-fw", net, List.of(
                new FirewallRule("web", Protocol.TCP, 8080, "0.0.0.0/0", n1.privateAddress()),
                new FirewallRule("echo", Protocol.UDP, 5000, 5010, "0.0.0.0/0", n1.privateAddress()))));
        assertTrue(echoes(pub.address(), 5005), "UDP 5005 through the public address once the firewall accepts it");
        provider.ensurePublicAddress(PublicAddressRequest.tcp("n1-pub", n1, List.of(22, 8080)));
        assertFalse(echoes(pub.address(), 5005), "no longer forwarded");

        // stop / start keeps the disk
        assertEquals(0, ssh(n3, n3.privateAddress(), "echo kept > marker && sync").exitCode());
        long t3 = System.nanoTime();
        assertEquals(NodeStatus.STOPPED, provider.stopNode(n3).status());
        System.out.printf("LocalProviderIT: clean stop in %.1f s%n", (System.nanoTime() - t3) / 1e9);
        System.out.println("LocalProviderIT: console of n3 after stop:\n"
                + Exec.tailOf(Path.of(n3.attributes().get("console")), 6));
        assertEquals(NodeStatus.STOPPED, provider.refreshNode(n3).status());
        long t4 = System.nanoTime();
        NodeRecord n3again = provider.startNode(n3);
        System.out.printf("LocalProviderIT: start in %.1f s%n", (System.nanoTime() - t4) / 1e9);
        assertEquals(NodeStatus.RUNNING, n3again.status());
        assertEquals(n3.ssh().hostKey(), n3again.ssh().hostKey(), "same host key after a restart");
        assertEquals("kept\n", ssh(n3again, n3again.privateAddress(), "cat marker").stdout());

        // a reboot inside the node (nspawn exits 133) boots it again, disk intact
        assertEquals(0, ssh(n3again, n3again.privateAddress(), "sudo touch /run/before-reboot").exitCode());
        try {
            ssh(n3again, n3again.privateAddress(), "sudo systemctl reboot");
        } catch (SshException e) {
            // the connection may drop while it goes down
        }
        assertTrue(Wait.polling(Duration.ofSeconds(90), Duration.ofMillis(500)).until(() -> {
            try {
                return ssh(n3again, n3again.privateAddress(), "test ! -e /run/before-reboot && cat marker")
                        .stdout().equals("kept\n");
            } catch (SshException e) {
                return false;
            }
        }), "rebooted with its disk");
        assertEquals(NodeStatus.RUNNING, provider.refreshNode(n3).status());

        // killed from outside: reported stopped, then started again
        for (long pid : Cgroups.pids(n2.attributes().get("cgroup"))) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(Wait.polling(Duration.ofSeconds(15), Duration.ofMillis(200)).until(
                () -> status(n2) == NodeStatus.STOPPED), "a killed node is reported STOPPED");
        assertEquals(NodeStatus.RUNNING, provider.startNode(n2).status());

        // dispose
        long t5 = System.nanoTime();
        provider.releasePublicAddress(pub);
        for (NodeRecord node : nodes) {
            provider.destroyNode(new NodeRecord(null, node.name(), node.network(), NodeStatus.PENDING, null, null,
                    null, Map.of()));
        }
        provider.destroyNode(n1); // already gone: succeeds
        assertEquals(NodeStatus.GONE, provider.refreshNode(n1).status());
        provider.destroyFirewall(provider.ensureFirewall(new FirewallRequest("pbit-fw", net, List.of())));
        provider.destroyNetwork(NetworkRecord.intended(new NetworkRequest("pbit-net", "pbit", "pbit-eth", SUBNET)));
        provider.destroyNetwork(net);
        System.out.printf("LocalProviderIT: destroy in %.1f s; whole test %.1f s%n", (System.nanoTime() - t5) / 1e9,
                (System.nanoTime() - t0) / 1e9);

        List<String> after = HostCheck.ours(provider);
        System.out.println("LocalProviderIT: ours after = " + after + "\n" + HostCheck.listing());
        assertEquals(before, after, "nothing of the plan is left on the host");
        assertTrue(after.isEmpty(), after.toString());
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)), "the unreachable route goes with the network");
        assertThrows(ProviderException.class, () -> provider.startNode(n1));
    }

    @Test
    void failingUserDataIsReportedWithTheNodeNameAndItsConsole() throws Exception {
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("pbit-bad", "pbit", "bad", "10.77.207.0/24"));
        try {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.createNode(new NodeRequest(
                    "broken", net, 1, 256, List.of(), "debian", NodeLogin.userData(identity)
                    + "runcmd:\n  - [ sh, -c, 'exit 3' ]\n"))); // the login user as the engine's user-data makes it
            System.out.println("LocalProviderIT: failing user-data gives: " + e.getMessage().lines().findFirst()
                    .orElse(""));
            assertTrue(e.getMessage().contains("node broken"), e.getMessage());
            assertTrue(e.getMessage().contains("status: error"), e.getMessage());
            assertTrue(e.getMessage().contains("last console lines:"), e.getMessage());
        } finally {
            provider.destroyNode(NodeRecord.intended(new NodeRequest("broken", net, 1, 256, List.of(), "", "")));
            provider.destroyNetwork(net);
        }
    }

    private static NodeStatus status(NodeRecord node) {
        try {
            return provider.refreshNode(node).status();
        } catch (Exception e) {
            return NodeStatus.UNRECOGNIZED;
        }
    }

    private static CommandResult ssh(NodeRecord node, String host, String command) {
        return NodeLogin.run(host, identity, node.ssh().hostKey(), command, Duration.ofSeconds(30));
    }

    /** Whether a UDP datagram sent to host:port comes back, within a second, in one of three tries. */
    private static boolean echoes(String host, int port) {
        byte[] sent = "plumbery".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1000);
            for (int i = 0; i < 3; i++) {
                socket.send(new DatagramPacket(sent, sent.length, new InetSocketAddress(host, port)));
                DatagramPacket got = new DatagramPacket(new byte[64], 64);
                try {
                    socket.receive(got);
                    return got.getLength() == sent.length;
                } catch (java.net.SocketTimeoutException e) {
                    // again
                }
            }
            return false;
        } catch (IOException e) {
            return false; // refused (an ICMP error came back)
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
