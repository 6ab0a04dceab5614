package io.plumbery.providers.local;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.BalancerRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Providers;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.Parallel;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A balancer of the local provider in front of three nodes, each a minimal HTTP responder that answers its name:
 * new connections to the balancer's address are spread over all three; with one node's responder stopped, its
 * health probe takes it out and the others get everything; started again, it comes back.
 */
@ExtendWith(RunsNodes.class)
class BalancerIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pblb";
    static final String SUBNET = "10.77.231.0/24";
    static final int PORT = 8080;
    static final Path WORK = Path.of("target", "it-balancer").toAbsolutePath();
    /** A minimal HTTP responder on the node, answering its name; its pid in /srv/http.pid. */
    static final String RESPONDER = "sudo -n sh -c 'cd /srv/www && (setsid python3 -m http.server " + PORT
            + " </dev/null >/dev/null 2>&1 & echo $! > /srv/http.pid)'";

    static LocalProvider provider;
    static SshIdentity identity;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        provider = PURGE.clean((LocalProvider) Providers.discover().open("local-netns", new ProviderSettings(PLAN, WORK,
                identity, Map.of("stateDir", WORK.resolve("state").toString(), "imageCache", CrashIT.imageCacheOption()))));
    }

    @Test
    void thirtyRequestsReachEveryLiveNodeAndNoneThatIsDown() throws Exception {
        long t0 = System.nanoTime();
        BaseImage.ensure(Path.of(CrashIT.imageCacheOption()), BaseImage.mirror(Path.of("/etc/apt")), System.out::println);
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("lb", PLAN, "web", SUBNET));
        List<NodeRecord> nodes = Parallel.map(List.of("lb1", "lb2", "lb3"), name -> provider.createNode(
                new NodeRequest(name, net, 1, 256, List.of(), "debian", NodeLogin.userData(identity))));
        for (NodeRecord node : nodes) {
            CommandResult r = ssh(node, "sudo -n mkdir -p /srv/www && hostname | sudo -n tee /srv/www/index.html && "
                    + RESPONDER);
            assertEquals(0, r.exitCode(), r.stderr());
        }
        nodes.forEach(BalancerIT::awaitAnswer);
        BalancerRecord lb = provider.ensureBalancer(new BalancerRequest("pblb-web-http", net, null,
                FirewallRule.Protocol.TCP, PORT, "round_robin", nodes));
        assertEquals("127.77.231.2", lb.address(), "the first host number below the nodes', made public");
        assertEquals(List.of("lb1", "lb2", "lb3"), lb.members());
        awaitLive(lb, 3);
        System.out.printf("BalancerIT: 3 nodes and their balancer in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, Integer> before = thirtyRequests(lb);
        System.out.println("BalancerIT: 30 requests, all three up: " + before);
        assertEquals(Map.of("lb1", 10, "lb2", 10, "lb3", 10), before, "round robin over the three");

        long t = System.nanoTime();
        assertEquals(0, ssh(nodes.get(1), "sudo -n sh -c 'kill $(cat /srv/http.pid)'").exitCode());
        awaitLive(lb, 2);
        System.out.printf("BalancerIT: lb2's responder stopped; out of the balancer %.1f s later%n",
                (System.nanoTime() - t) / 1e9);
        Map<String, Integer> after = thirtyRequests(lb);
        System.out.println("BalancerIT: 30 requests, lb2 down: " + after);
        assertEquals(Map.of("lb1", 15, "lb3", 15), after, "the other two only");

        t = System.nanoTime();
        assertEquals(0, ssh(nodes.get(1), RESPONDER).exitCode());
        awaitAnswer(nodes.get(1));
        awaitLive(lb, 3);
        System.out.printf("BalancerIT: lb2 answers again; back in %.1f s%n", (System.nanoTime() - t) / 1e9);
        assertEquals(3, thirtyRequests(lb).size(), "all three again");

        provider.destroyBalancer(lb);
        for (NodeRecord node : nodes) {
            provider.destroyNode(node);
        }
        provider.destroyNetwork(net);
        List<String> left = HostCheck.ours(provider);
        assertTrue(left.isEmpty(), left.toString());
    }

    /** Waits (bounded) until the balancer's chain sends to {@code count} nodes. */
    private static void awaitLive(BalancerRecord lb, int count) {
        String chain = lb.attributes().get("chain");
        String table = lb.attributes().get("nftTable");
        boolean done = Wait.polling(Duration.ofSeconds(20), Duration.ofMillis(200)).until(() -> {
            try {
                String listed = Exec.check(Duration.ofSeconds(10), List.of("nft", "list", "chain", "ip", table, chain));
                return listed.contains(" mod " + count + " map ");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(done, "the balancer's chain did not come to " + count + " nodes");
    }

    /** Waits (bounded) until the node's responder answers at its own address: python takes a moment to listen. */
    private static void awaitAnswer(NodeRecord node) {
        boolean up = Wait.polling(Duration.ofSeconds(20), Duration.ofMillis(100)).until(() -> {
            try {
                return get(node.privateAddress(), PORT).equals(node.name());
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(up, node.name() + " does not answer on port " + PORT);
    }

    /** Thirty requests to the balancer, each on a new connection: how many each node answered. */
    private static Map<String, Integer> thirtyRequests(BalancerRecord lb) throws IOException {
        Map<String, Integer> answered = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            answered.merge(get(lb.address(), lb.port()), 1, Integer::sum);
        }
        return answered;
    }

    private static String get(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4).trim();
            return body;
        }
    }

    private static CommandResult ssh(NodeRecord node, String command) {
        return NodeLogin.run(node.privateAddress(), identity, node.ssh().hostKey(), command, Duration.ofSeconds(20));
    }
}
