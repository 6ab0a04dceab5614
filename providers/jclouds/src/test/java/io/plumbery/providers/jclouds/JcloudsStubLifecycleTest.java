package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.jclouds.compute.domain.NodeMetadata;
import org.jclouds.compute.domain.SecurityGroup;
import org.jclouds.net.domain.IpPermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole life of a 3+9 node blueprint on jclouds' in-memory stub, driven the way the engine drives it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JcloudsStubLifecycleTest {

    private static final String PLAN = "mesos-3x9";
    private static final List<String> NAMES = IntStream.rangeClosed(1, 12)
            .mapToObj(i -> i <= 3 ? "mesos-master-0" + i : String.format("mesos-slave-%02d", i - 3)).toList();

    private JcloudsProvider provider;
    private ExecutorService executor;

    @BeforeEach
    void open() throws ProviderException {
        provider = Stubs.open(PLAN, Stubs.freshIdentity());
        executor = Executors.newFixedThreadPool(NAMES.size());
    }

    @AfterEach
    void close() throws ProviderException {
        executor.shutdownNow();
        provider.close();
    }

    @Test
    void buildStopStartAndDisposeTwelveNodes() throws Exception {
        NetworkRecord network = provider.ensureNetwork(new NetworkRequest("mesos-3x9-mesos", "MesosFox",
                "mesos.servers", "10.0.0.0/24"));
        assertEquals("mesos-3x9-mesos", network.id());
        assertEquals("logical", network.attributes().get("kind"));
        assertEquals(network, provider.ensureNetwork(new NetworkRequest("mesos-3x9-mesos", "MesosFox",
                "mesos.servers", "10.0.0.0/24")));

        FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("mesos-3x9-firewall", network,
                List.of(tcp(22), tcp(5050), tcp(8080))));
        assertNotNull(firewall.id());
        assertEquals("security-group", firewall.attributes().get("kind"));
        assertEquals(Set.of(22, 5050, 8080), ports(firewall));
        FirewallRecord narrowed = provider.ensureFirewall(new FirewallRequest("mesos-3x9-firewall", network,
                List.of(tcp(22), tcp(8080))));
        assertEquals(firewall.id(), narrowed.id(), "the same security group, its rules replaced");
        assertEquals(Set.of(22, 8080), ports(narrowed));

        long started = System.nanoTime();
        Map<String, NodeRecord> built = inParallel(name -> provider.createNode(Stubs.node(name, network, "Ubuntu 14")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("[timing] 12 stub nodes created in %d ms (12 parallel createNode calls)%n", millis);

        assertEquals(12, built.values().stream().map(NodeRecord::id).distinct().count());
        for (String name : NAMES) {
            NodeRecord node = built.get(name);
            assertEquals(name, node.name());
            assertEquals(network.name(), node.network());
            assertEquals(NodeStatus.RUNNING, node.status());
            assertNotNull(node.privateAddress());
            assertNotNull(node.publicAddress());
            assertNull(node.ssh(), "the stub's addresses are invented: no SSH endpoint, so nothing connects to them");
            assertTrue(node.attributes().get("disks").startsWith("not attached"));
            assertEquals("userMetadata[user-data]", node.attributes().get("userData"));
        }
        NodeMetadata first = provider.computeService().getNodeMetadata(built.get(NAMES.get(0)).id());
        assertEquals(provider.group(), first.getGroup());
        assertTrue(first.getUserMetadata().get("user-data").startsWith("#cloud-config"));

        Map<String, NodeRecord> again = inParallel(name -> provider.createNode(Stubs.node(name, network, "Ubuntu 14")));
        for (String name : NAMES) {
            assertEquals(built.get(name).id(), again.get(name).id(), "creating " + name + " twice returns it");
        }
        assertEquals(12, liveNodesInGroup(), "no duplicates");

        List<NodeRecord> masters = NAMES.subList(0, 3).stream().map(built::get).toList();
        for (NodeRecord master : masters) {
            assertEquals(NodeStatus.STOPPED, provider.stopNode(master).status());
            assertEquals(NodeStatus.STOPPED, provider.stopNode(master).status(), "stopping twice");
            assertEquals(NodeStatus.STOPPED, provider.refreshNode(master).status());
        }
        for (NodeRecord master : masters) {
            assertEquals(NodeStatus.RUNNING, provider.startNode(master).status());
            assertEquals(NodeStatus.RUNNING, provider.startNode(master).status(), "starting twice");
            assertEquals(NodeStatus.RUNNING, provider.refreshNode(master).status());
        }

        NodeRecord exposed = built.get("mesos-master-01");
        PublicAddressRecord address = provider.ensurePublicAddress(
                PublicAddressRequest.tcp("mesos-master-01-public", exposed, List.of(22, 5050)));
        assertEquals(exposed.publicAddress(), address.address());
        assertEquals(List.of(PortRange.tcp(22), PortRange.tcp(5050)), address.ports());
        provider.releasePublicAddress(address);

        List<String> byRecord = NAMES.subList(0, 6);
        List<String> byName = NAMES.subList(6, 12);
        inParallel(name -> {
            NodeRecord record = byRecord.contains(name) ? built.get(name)
                    : new NodeRecord(null, name, network.name(), NodeStatus.PENDING, null, null, null, Map.of());
            provider.destroyNode(record);
            provider.destroyNode(record); // destroying what is gone succeeds
            return record;
        });
        assertEquals(0, liveNodesInGroup(), "no nodes left in group " + provider.group());
        for (String name : NAMES) {
            assertEquals(NodeStatus.GONE, provider.refreshNode(built.get(name)).status());
        }
        ProviderException stopGone = assertThrows(ProviderException.class,
                () -> provider.stopNode(built.get("mesos-slave-01")));
        assertFalse(stopGone.retryable());
        awaitStubForgetsTerminatedNodes(Duration.ofSeconds(10));

        provider.destroyFirewall(narrowed);
        provider.destroyFirewall(narrowed);
        provider.destroyFirewall(FirewallRecord.intended(new FirewallRequest("mesos-3x9-firewall", network, List.of())));
        assertTrue(provider.computeService().getSecurityGroupExtension().get().listSecurityGroups().isEmpty());
        provider.destroyNetwork(network);
        provider.destroyNetwork(network);
    }

    @Test
    void destroyingANodeThatNeverExistedSucceeds() throws ProviderException {
        provider.destroyNode(new NodeRecord(null, "never-built", "net", NodeStatus.PENDING, null, null, null,
                Map.of()));
        provider.destroyNode(new NodeRecord("424242", "never-built", "net", NodeStatus.RUNNING, null, null, null,
                Map.of()));
        assertEquals(NodeStatus.GONE, provider.refreshNode(new NodeRecord(null, "never-built", "net",
                NodeStatus.PENDING, null, null, null, Map.of())).status());
    }

    private static FirewallRule tcp(int port) {
        return new FirewallRule("tcp-" + port, Protocol.TCP, port, "0.0.0.0/0", "10.0.0.0/24");
    }

    private Set<Integer> ports(FirewallRecord firewall) {
        SecurityGroup group = provider.computeService().getSecurityGroupExtension().get()
                .getSecurityGroupById(firewall.id());
        return group.getIpPermissions().stream().map(IpPermission::getFromPort).collect(Collectors.toSet());
    }

    private long liveNodesInGroup() {
        return provider.computeService().listNodesDetailsMatching(any -> true).stream()
                .filter(node -> provider.group().equals(node.getGroup()))
                .filter(node -> node.getStatus() != NodeMetadata.Status.TERMINATED).count();
    }

    /** The stub drops terminated nodes 200 ms after destroying them; wait for it, bounded. */
    private void awaitStubForgetsTerminatedNodes(Duration limit) {
        Awaitility.await("stub forgets terminated nodes").atMost(limit).pollInterval(Duration.ofMillis(20))
                .until(() -> provider.computeService().listNodes().isEmpty());
    }

    @FunctionalInterface
    interface NodeCall {
        NodeRecord apply(String name) throws Exception;
    }

    private Map<String, NodeRecord> inParallel(NodeCall call) throws Exception {
        List<Future<NodeRecord>> futures = new ArrayList<>();
        for (String name : NAMES) {
            Callable<NodeRecord> task = () -> call.apply(name);
            futures.add(executor.submit(task));
        }
        Map<String, NodeRecord> results = new java.util.LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            results.put(NAMES.get(i), futures.get(i).get(60, TimeUnit.SECONDS));
        }
        return results;
    }

}
