package io.plumbery.providers.local;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderSettings;
import org.junit.jupiter.api.AfterAll;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.BaseImage;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the process that drives the provider while a node boots: the node outlives it (it is
 * detached), a second run completes the node, and destroy by name (records without ids) leaves nothing.
 */
@ExtendWith(RunsNodes.class)
class CrashIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final String PLAN = "pbcrash";
    static final String SUBNET = "10.77.202.0/24";
    static final Path WORK = Path.of("target", "it-crash").toAbsolutePath();

    static LocalProvider provider;
    static SshIdentity identity;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        provider = PURGE.clean(LocalProvider.open(new ProviderSettings(PLAN, WORK, identity,
                Map.of("stateDir", WORK.resolve("state").toString(), "imageCache", imageCacheOption()))));
    }

    static String imageCacheOption() {
        String cache = System.getProperty("plumbery.local.imageCache");
        return cache == null || cache.isBlank() ? BaseImage.defaultCache().toString() : cache;
    }

    @Test
    void killMinus9MidDeployThenDeployAgainThenDestroyByName() throws Exception {
        // the image must be there before the driver starts, or it would be killed during the image build
        BaseImage.ensure(Path.of(imageCacheOption()), BaseImage.mirror(Path.of("/etc/apt")), System.out::println);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process driver = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashDriver.class.getName(), PLAN, WORK.toString(), WORK.resolve("state").toString(), SUBNET,
                identity.privateKey().toString(), imageCacheOption()).inheritIO().start();
        Path pid = provider.stateDir().resolve("nodes/c1/pid");
        boolean launched = Wait.polling(Duration.ofSeconds(120), Duration.ofMillis(50)).until(() -> Files.exists(pid));
        driver.destroyForcibly().waitFor(); // SIGKILL, like kill -9
        assertTrue(launched, "the driver launched the node before it was killed");
        System.out.println("CrashIT: driver killed with the node booting");

        NodeRecord intended = new NodeRecord(null, "c1", PLAN + "-net", NodeStatus.PENDING, null, null, null, Map.of());
        assertEquals(NodeStatus.RUNNING, provider.refreshNode(intended).status(), "the node outlives the JVM");

        NetworkRecord net = provider.ensureNetwork(new NetworkRequest(PLAN + "-net", PLAN, "eth", SUBNET));
        NodeRecord node = provider.createNode(new NodeRequest("c1", net, 1, 256, List.of(), "debian",
                NodeLogin.userData(identity)));
        assertEquals(NodeStatus.RUNNING, node.status());
        assertEquals("c1\n", NodeLogin.run(node.privateAddress(), identity, node.ssh().hostKey(),
                "hostname", Duration.ofSeconds(20)).stdout());

        provider.destroyNode(intended);
        provider.destroyNetwork(NetworkRecord.intended(new NetworkRequest(PLAN + "-net", PLAN, "eth", SUBNET)));
        List<String> left = HostCheck.ours(provider);
        System.out.println("CrashIT: ours after destroy by name = " + left);
        assertTrue(left.isEmpty(), left.toString());
    }
}
