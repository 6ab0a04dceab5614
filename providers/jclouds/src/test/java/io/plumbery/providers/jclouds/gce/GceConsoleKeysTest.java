package io.plumbery.providers.jclouds.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.jclouds.cloud.HostKeyChecks;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A new instance's SSH host key from its serial port output, pinned; or, when it shows none in time, first use. */
class GceConsoleKeysTest {

    @TempDir
    Path work;

    @RegisterExtension
    final GceReplay gce = GceReplay.forEachTest();

    @Test
    void theKeyTheSerialPortShowsIsPinnedAndAnotherRefused() throws Exception {
        scriptNode();
        gce.on(GceReplay.SERIAL_PORT, "serial-port-booting.json", "serial-port-keys.json");
        NodeRecord node;
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            node = provider.createNode(GceFixtures.node(GceFixtures.network(gce)));
        }
        assertEquals(HostKeyChecks.NODE_KEY, node.ssh().hostKey(), "the ed25519 key, read again until it showed");
        assertEquals(2, gce.requests(GceReplay.SERIAL_PORT).size());
        assertEquals(HostKeyChecks.NODE_FINGERPRINT + ", from the console output", node.attributes().get("hostKey"));
        HostKeyChecks.pinnedAndOthersRefused(node, work);
        assertEquals(List.of(), gce.unscripted());
    }

    @Test
    void aSerialPortWithoutKeysLeavesTheKeyToFirstContactAndSaysSo() throws Exception {
        scriptNode();
        gce.on(GceReplay.SERIAL_PORT, "serial-port-booting.json");
        NodeRecord[] node = new NodeRecord[1];
        String said = HostKeyChecks.stderrOf(() -> {
            try (GceProvider provider = GceFixtures.open(gce, work)) {
                node[0] = provider.createNode(GceFixtures.node(GceFixtures.network(gce)));
            }
        });
        assertNull(node[0].ssh().hostKey());
        assertEquals("none from the console output: trusted on first contact", node[0].attributes().get("hostKey"));
        assertTrue(said.contains("google-compute-engine: node web1: its console showed no SSH host key within 1 s "
                + "(gce.console-timeout); its key will be trusted on first contact and its fingerprint printed then"),
                said);
    }

    private void scriptNode() {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET " + GceLifecycleTest.INSTANCE, GceReplay.MISSING, "instance-running.json")
                .on(GceLifecycleTest.IMAGE, "image-ubuntu-2204.json");
    }
}
