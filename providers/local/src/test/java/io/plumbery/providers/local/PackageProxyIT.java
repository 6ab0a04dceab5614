package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline nodes get Debian's packages through the host's package proxy, and nothing else: a real node installs
 * a package through it, a second node gets the same package from the proxy's cache, and neither reaches another
 * host through the proxy, another port of the host, or anything past it. The proxy and its cache outlive the
 * plan. Needs root, Linux and a host that reaches Debian's package registry ({@link RunsNodes}).
 */
@ExtendWith(RunsNodes.class)
class PackageProxyIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pbpx";
    static final String SUBNET = "10.77.211.0/24";
    static final String PACKAGE = "hello";
    static final Path WORK = Path.of("target", "it-package-proxy").toAbsolutePath();

    static LocalProvider provider;
    static SshIdentity identity;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        provider = PURGE.clean(LocalProvider.open(new ProviderSettings(PLAN, WORK, identity, Map.of("stateDir",
                WORK.resolve("state").toString(), "bootTimeoutSeconds", "240", "imageCache",
                CrashIT.imageCacheOption()))));
    }

    @Test
    void nodesInstallDebianPackagesThroughTheProxyAndReachNothingElse() throws Exception {
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("pbpx-net", PLAN, "pbpx-eth", SUBNET));
        assertTrue(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)), "the subnet is routed nowhere first");
        String gateway = AddressPlan.hostAddress(Subnet.parse(SUBNET));
        List<NodeRecord> nodes = Parallel.map(List.of("p1", "p2"), name -> provider.createNode(
                new NodeRequest(name, net, 1, 512, List.of(), "debian", NodeLogin.userData(identity))));
        NodeRecord p1 = nodes.get(0);
        NodeRecord p2 = nodes.get(1);

        PackageProxy proxy = PackageProxy.shared();
        assertTrue(proxy.pid().isPresent(), "the first node started the proxy");
        assertEquals(PackageProxy.aptConf(gateway), ssh(p1, "cat /" + PackageProxy.APT_CONF).stdout());

        // first install: what the cache lacks is fetched from Debian
        long mark = logSize(proxy);
        long t0 = System.nanoTime();
        CommandResult first = ssh(p1, install());
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertEquals("Hello, world!\n", ssh(p1, PACKAGE).stdout());
        List<String> firstLog = packageLines(proxy, mark, p1.privateAddress());
        System.out.println("PackageProxyIT: first install " + String.format("%.1f s", firstSeconds)
                + ", the proxy's lines for it: " + firstLog);
        assertFalse(firstLog.isEmpty(), "the package came through the proxy");

        // second install, on the other node: the package is served from the cache, not fetched again
        mark = logSize(proxy);
        long t1 = System.nanoTime();
        CommandResult second = ssh(p2, install());
        double secondSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        List<String> secondLog = packageLines(proxy, mark, p2.privateAddress());
        System.out.println("PackageProxyIT: second install " + String.format("%.1f s", secondSeconds)
                + ", the proxy's lines for it: " + secondLog);
        assertFalse(secondLog.isEmpty(), "the package came through the proxy");
        assertTrue(secondLog.stream().allMatch(l -> l.split("\\|")[1].equals("O")),
                "served from the cache, nothing fetched: " + secondLog);

        // another host through the proxy: refused by its configuration, never fetched
        mark = logSize(proxy);
        assertEquals("403", ask(p1, gateway, "GET http://example.org/ HTTP/1.1"));
        assertEquals("403", ask(p1, gateway, "CONNECT deb.debian.org:443 HTTP/1.1"));
        List<String> refused = newLines(proxy, mark).stream().filter(l -> l.contains("|" + p1.privateAddress() + "|"))
                .toList();
        System.out.println("PackageProxyIT: the proxy's lines for the refused requests: " + refused);
        assertTrue(refused.stream().anyMatch(l -> l.contains("|E|") && l.contains("example.org/")), refused.toString());
        assertTrue(refused.stream().noneMatch(l -> l.split("\\|")[1].equals("I")), "nothing fetched: " + refused);

        // another port of the host, though something listens there: refused at once
        try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getByName(gateway))) {
            assertTrue(reachable(gateway, other.getLocalPort()), "the host itself reaches it");
            CommandResult r = ssh(p1, "timeout 5 bash -c 'echo > /dev/tcp/" + gateway + "/" + other.getLocalPort()
                    + "' 2>&1; echo \"exit $?\"");
            System.out.println("PackageProxyIT: node to another port of the host: " + r.stdout().strip());
            assertTrue(r.stdout().contains("Connection refused"), r.stdout());
        }
        // past the host (a documentation address): refused by the host, it never leaves
        CommandResult out = ssh(p1, "timeout 5 bash -c 'echo > /dev/tcp/203.0.113.7/80' 2>&1; echo \"exit $?\"");
        System.out.println("PackageProxyIT: node to an outside address: " + out.stdout().strip());
        assertTrue(out.stdout().contains("No route to host"), out.stdout());

        // dispose: the plan's way to the proxy goes with its network; the proxy and its cache stay
        for (NodeRecord node : nodes) {
            provider.destroyNode(node);
        }
        provider.destroyNetwork(net);
        assertEquals(List.of(), HostCheck.ours(provider), "nothing of the plan is left on the host");
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)), "the unreachable route goes with the network");
        assertTrue(proxy.pid().isPresent(), "the proxy outlives the plan");
        try (var cached = Files.walk(proxy.dir().resolve("cache"))) {
            assertTrue(cached.anyMatch(p -> p.getFileName().toString().startsWith(PACKAGE + "_")
                    && p.getFileName().toString().endsWith(".deb")), "the package stays in the cache");
        }
    }

    private static String install() {
        return "sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                + "--no-install-recommends " + PACKAGE;
    }

    /** The status of the proxy's answer to {@code request}, sent from the node to its gateway. */
    private static String ask(NodeRecord node, String gateway, String request) {
        CommandResult r = ssh(node, "exec 3<>/dev/tcp/" + gateway + "/" + PackageProxy.PORT + " && printf '"
                + request + "\\r\\nHost: x\\r\\n\\r\\n' >&3 && head -n 1 <&3 | cut -d ' ' -f 2");
        return r.stdout().strip();
    }

    /** The proxy's log lines since {@code mark} about the package's files, asked for by {@code client}. */
    private static List<String> packageLines(PackageProxy proxy, long mark, String client) throws IOException {
        return newLines(proxy, mark).stream().filter(l -> l.contains("|" + client + "|")
                && l.contains("/" + PACKAGE + "_") && l.contains(".deb")).toList();
    }

    private static List<String> newLines(PackageProxy proxy, long mark) throws IOException {
        byte[] all = Files.readAllBytes(proxy.log());
        return new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8).lines().toList();
    }

    private static long logSize(PackageProxy proxy) throws IOException {
        return Files.isRegularFile(proxy.log()) ? Files.size(proxy.log()) : 0;
    }

    private static CommandResult ssh(NodeRecord node, String command) {
        return NodeLogin.run(node.privateAddress(), identity, node.ssh().hostKey(), command, Duration.ofMinutes(5));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
