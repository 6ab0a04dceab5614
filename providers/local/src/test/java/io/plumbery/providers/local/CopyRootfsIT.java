package io.plumbery.providers.local;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderSettings;
import org.junit.jupiter.api.AfterAll;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.host.Purge;
import io.plumbery.providers.host.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rootfs: copy}, the fallback where overlayfs is not usable: a node on its own copy of the image. */
@ExtendWith(RunsNodes.class)
class CopyRootfsIT {

    @RegisterExtension
    static final Purge PURGE = new Purge();

    static final Path WORK = Path.of("target", "it-copy").toAbsolutePath();
    static LocalProvider provider;
    static SshIdentity identity;

    @BeforeAll
    static void open() throws Exception {
        identity = TestKeys.fresh(WORK);
        provider = PURGE.clean(LocalProvider.open(new ProviderSettings("pbcopy", WORK, identity, Map.of("stateDir",
                WORK.resolve("state").toString(), "imageCache", CrashIT.imageCacheOption(), "rootfs", "copy")),
                Machine.NETNS));
    }

    @Test
    void nodeOnACopyOfTheImage() throws Exception {
        NetworkRecord net = provider.ensureNetwork(new NetworkRequest("copy", "pbcopy", "eth", "10.77.205.0/24"));
        NodeRecord node = provider.createNode(new NodeRequest("c1", net, 1, 256, List.of(), "debian",
                NodeLogin.userData(identity)));
        assertEquals("copy", node.attributes().get("rootfs"));
        assertEquals("c1\n", NodeLogin.run(node.privateAddress(), identity, node.ssh().hostKey(),
                "hostname", Duration.ofSeconds(20)).stdout());
        assertEquals(NodeStatus.STOPPED, provider.stopNode(node).status());
        assertEquals(NodeStatus.RUNNING, provider.startNode(node).status());
        provider.destroyNode(node);
        provider.destroyNetwork(net);
        List<String> left = HostCheck.ours(provider);
        assertTrue(left.isEmpty(), left.toString());
    }
}
