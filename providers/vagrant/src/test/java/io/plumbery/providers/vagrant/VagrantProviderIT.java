package io.plumbery.providers.vagrant;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.ListedHostKeys;
import io.plumbery.node.ssh.SshConnector;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import org.junit.jupiter.api.AfterAll;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the provider through the SPI with real Vagrant machines: needs root, vagrant and a Docker engine
 * that answers (skipped with the reason otherwise). The first run imports the node image (about 10 s, or
 * 2.5 minutes more if the local provider's Debian tree is not cached yet; share the cache with
 * {@code -Dplumbery.local.imageCache=DIR}).
 */
class VagrantProviderIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pvit";
    static final String SUBNET = "10.77.221.0/24";
    static final String PROBE_SUBNET = "10.77.222.0/24";
    static final Path WORK = Path.of("target", "it-vagrant").toAbsolutePath();

    static VagrantProvider provider;
    static SshIdentity identity;
    static String reason;

    @BeforeAll
    static void open() throws Exception {
        reason = VagrantTools.whyNot();
        if (reason == null && !Exec.run(Duration.ofSeconds(20), List.of("docker", "info")).ok()) {
            reason = "the Docker engine does not answer (bin/docker-engine starts one)";
        }
        if (reason != null) {
            System.out.println("VagrantProviderIT skipped: " + reason);
            return;
        }
        identity = TestKeys.fresh(WORK);
        Map<String, String> options = new HashMap<>(Map.of("stateDir", WORK.resolve("state").toString(),
                "bootTimeoutSeconds", "120"));
        String cache = System.getProperty("plumbery.local.imageCache");
        if (cache != null && !cache.isBlank()) {
            options.put("imageCache", cache);
        }
        provider = PURGE.clean(VagrantProvider.open(new ProviderSettings(PLAN, WORK, identity, options)));
        assertEquals(List.of(), ours(), "nothing of the plan before the test");
    }

    @BeforeEach
    void hostCanRunMachines() {
        assumeTrue(reason == null, reason);
    }

    @Test
    void twoMachinesThroughTheSpi() throws Exception {
        long t0 = System.nanoTime();
        NetworkRequest netRequest = new NetworkRequest("pvit-net", "pvit", "pvit-eth", SUBNET);
        NetworkRecord net = provider.ensureNetwork(netRequest);
        assertEquals(net, provider.ensureNetwork(netRequest), "ensureNetwork is idempotent");
        assertTrue(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)));
        assertThrows(ProviderException.class, () -> provider.createNode(new NodeRequest("orphan",
                NetworkRecord.intended(new NetworkRequest("nowhere", "x", "x", "10.77.223.0/24")), 1, 256, List.of(),
                "", userData())), "a node needs its network first");

        // two machines at once: one 'vagrant up n1 n2' (the first call also imports the image if needed)
        long t1 = System.nanoTime();
        List<NodeRecord> nodes = Parallel.map(List.of("n1", "n2"), name -> provider.createNode(
                new NodeRequest(name, net, 1, 512, List.of(), "Debian 12", userData())));
        System.out.printf("VagrantProviderIT: 2 machines up with cloud-init finished in %.1f s%n",
                (System.nanoTime() - t1) / 1e9);
        NodeRecord n1 = nodes.get(0);
        NodeRecord n2 = nodes.get(1);
        for (NodeRecord node : nodes) {
            assertEquals(NodeStatus.RUNNING, node.status());
            assertNotNull(node.ssh().hostKey(), "host key known before the first connection");
            assertTrue(Subnet.parse(SUBNET).contains(node.privateAddress()));
            CommandResult r = ssh(node, "hostname; ip -4 -o addr; cat /sys/fs/cgroup/memory/memory.limit_in_bytes");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().startsWith(node.name() + "\n"), r.stdout());
            assertTrue(r.stdout().contains("inet " + node.privateAddress() + "/24"), r.stdout());
            assertFalse(r.stdout().contains("172.17."), "not on Docker's default bridge: " + r.stdout());
            assertTrue(r.stdout().strip().endsWith(String.valueOf(512L << 20)), "memory limit seen inside: " + r.stdout());
            assertTrue(node.attributes().get("limits").startsWith("enforced by Docker"), node.attributes().toString());
        }
        assertEquals(n1.privateAddress(), provider.createNode(new NodeRequest("n1", net, 1, 512, List.of(),
                "Debian 12", userData())).privateAddress(), "createNode is idempotent");
        // as after a kill during 'vagrant up' once docker run is done: Vagrant has no id for the container
        Files.delete(provider.projectDir().resolve(".vagrant/machines/n1/docker/id"));
        long tr = System.nanoTime();
        NodeRecord recreated = provider.createNode(new NodeRequest("n1", net, 1, 512, List.of(), "Debian 12",
                userData()));
        System.out.printf("VagrantProviderIT: a container Vagrant lost made again in %.1f s%n",
                (System.nanoTime() - tr) / 1e9);
        assertEquals(n1.ssh().hostKey(), recreated.ssh().hostKey(), "the node keeps its host key");
        assertEquals(NodeStatus.RUNNING, provider.refreshNode(n1).status());
        CommandResult across = ssh(n1, "timeout 5 bash -c 'echo > /dev/tcp/" + n2.privateAddress()
                + "/22' && echo connected");
        assertTrue(across.stdout().contains("connected"), "node to node: " + across.stdout() + across.stderr());

        // Debian's packages through the host's package proxy, at the gateway; another host through it is refused
        String gateway = AddressPlan.hostAddress(Subnet.parse(SUBNET));
        long tp = System.nanoTime();
        CommandResult install = ssh(n1, "sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get "
                + "install -y -q --no-install-recommends hello && hello");
        System.out.printf("VagrantProviderIT: a package installed through the proxy in %.1f s%n",
                (System.nanoTime() - tp) / 1e9);
        assertTrue(install.stdout().endsWith("Hello, world!\n"), install.stdout() + install.stderr());
        assertEquals("403", ssh(n1, "exec 3<>/dev/tcp/" + gateway + "/" + PackageProxy.PORT + " && printf 'GET "
                + "http://example.org/ HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' >&3 && head -n 1 <&3 | cut -d ' ' -f 2")
                .stdout().strip());

        // public address: the node's own; the firewall lets only n1:22 in from another network
        FirewallRecord fw = provider.ensureFirewall(new FirewallRequest("pvit-fw", net, List.of(
                new FirewallRule("n1-tcp-22", Protocol.TCP, 22, "0.0.0.0/0", n1.privateAddress()))));
        PublicAddressRecord pub = provider.ensurePublicAddress(PublicAddressRequest.tcp("n1-pub", n1, List.of(22)));
        assertEquals(n1.privateAddress(), pub.address());
        assertEquals(pub.address(), provider.refreshNode(n1).publicAddress());
        NetworkRecord probeNet = provider.ensureNetwork(new NetworkRequest("pvit-probe", "pvit", "probe", PROBE_SUBNET));
        String probe = probe(probeNet, n1.attributes().get("image"), n1.privateAddress(), n2.privateAddress());
        assertTrue(probe.contains("n1:22 open"), probe);
        assertTrue(probe.contains("n2:22 blocked"), "n2 has no rule: " + probe);
        provider.ensureFirewall(new FirewallRequest("pvit-fw", net, List.of()));
        assertTrue(probe(probeNet, n1.attributes().get("image"), n1.privateAddress(), n2.privateAddress())
                .contains("n1:22 blocked"), "the rule set is replaced as a whole");
        assertEquals(0, ssh(n1, "true").exitCode(), "this host still reaches its nodes directly");

        // stop / start keeps the disk and the host key
        assertEquals(0, ssh(n2, "echo kept > marker && sync").exitCode());
        long t2 = System.nanoTime();
        assertEquals(NodeStatus.STOPPED, provider.stopNode(n2).status());
        System.out.printf("VagrantProviderIT: stop in %.1f s%n", (System.nanoTime() - t2) / 1e9);
        assertEquals(NodeStatus.STOPPED, provider.refreshNode(n2).status());
        long t3 = System.nanoTime();
        NodeRecord n2again = provider.startNode(n2);
        System.out.printf("VagrantProviderIT: start in %.1f s%n", (System.nanoTime() - t3) / 1e9);
        assertEquals(NodeStatus.RUNNING, n2again.status());
        assertEquals(n2.ssh().hostKey(), n2again.ssh().hostKey());
        assertEquals("kept\n", ssh(n2again, "cat marker").stdout());

        // everything goes, found by name
        long t4 = System.nanoTime();
        provider.releasePublicAddress(pub);
        Parallel.map(nodes, node -> {
            provider.destroyNode(new NodeRecord(null, node.name(), node.network(), NodeStatus.PENDING, null, null,
                    null, Map.of()));
            return null;
        });
        provider.destroyNode(n1); // already gone: succeeds
        assertEquals(NodeStatus.GONE, provider.refreshNode(n1).status());
        assertThrows(ProviderException.class, () -> provider.startNode(n1));
        provider.destroyFirewall(fw);
        provider.destroyNetwork(probeNet);
        provider.destroyNetwork(NetworkRecord.intended(netRequest));
        provider.destroyNetwork(net);
        System.out.printf("VagrantProviderIT: destroy in %.1f s; whole test %.1f s%n", (System.nanoTime() - t4) / 1e9,
                (System.nanoTime() - t0) / 1e9);

        assertEquals(List.of(), ours(), "nothing of the plan is left on the host");
        assertFalse(HostNetwork.hasUnreachableRoute(Subnet.parse(SUBNET)), "the unreachable route goes with the network");
    }

    /**
     * Connects to port 22 of both nodes from a container on another network of the plan: that traffic is
     * forwarded by this host, so it passes the firewall.
     */
    private static String probe(NetworkRecord from, String image, String n1, String n2) throws ProviderException {
        String script = "for t in n1:" + n1 + " n2:" + n2 + "; do "
                + "if timeout 3 bash -c \"echo > /dev/tcp/${t#*:}/22\" 2>/dev/null; then echo \"${t%%:*}:22 open\"; "
                + "else echo \"${t%%:*}:22 blocked\"; fi; done";
        Exec.Result r = Exec.run(Duration.ofSeconds(60), List.of("docker", "run", "--rm", "--pull=never",
                "--network", from.attributes().get("dockerNetwork"), "--label", VagrantNaming.PLAN_LABEL + "=" + PLAN,
                image, "bash", "-c", script));
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    /** Everything on the host that carries the plan's names or labels: empty after a dispose. */
    static List<String> ours() throws Exception {
        VagrantNaming n = provider.naming();
        List<String> found = new ArrayList<>();
        for (String c : lines("docker", "ps", "--all", "--filter", n.planFilter(), "--format", "{{.Names}}")) {
            found.add("container: " + c);
        }
        for (String net : lines("docker", "network", "ls", "--filter", n.planFilter(), "--format", "{{.Name}}")) {
            found.add("docker network: " + net);
        }
        for (String link : lines("ip", "-o", "link")) {
            if (link.contains(" " + n.bridgePrefix())) {
                found.add("link: " + link);
            }
        }
        for (String rule : lines("iptables", "-S")) {
            if (rule.contains(n.chainPrefix())) {
                found.add("iptables: " + rule);
            }
        }
        for (String route : lines("ip", "route")) {
            if (route.matches(".*\\b10\\.77\\.22[0-9]\\..*") && !route.startsWith("unreachable")) {
                found.add("route: " + route);
            }
        }
        if (Files.exists(provider.projectDir())) {
            found.add("vagrant project: " + provider.projectDir());
        }
        String home = System.getenv().getOrDefault("VAGRANT_HOME", System.getProperty("user.home") + "/.vagrant.d");
        Path index = Path.of(home, "data", "machine-index", "index");
        if (Files.isRegularFile(index) && Files.readString(index).contains(provider.projectDir().toString())) {
            found.add("Vagrant's machine index still lists machines of " + provider.projectDir());
        }
        return found;
    }

    private static List<String> lines(String... command) throws Exception {
        return Exec.run(Duration.ofSeconds(30), List.of(command)).out().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    private static CommandResult ssh(NodeRecord node, String command) {
        return new SshConnector(new ListedHostKeys(() -> List.of(node.ssh().hostKey())), identity, Wait.upTo(1))
                .run(new SshEndpoint(node.privateAddress(), 22, identity.user(), null), command, Duration.ofSeconds(30));
    }

    /** What the engine's first-boot user-data does for the test's key: the login user, with sudo. */
    private static String userData() {
        return "#cloud-config\nusers:\n  - default\n  - name: " + identity.user() + "\n    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
                + "    shell: /bin/bash\n    ssh_authorized_keys: [\"" + identity.publicKey() + "\"]\n";
    }
}
