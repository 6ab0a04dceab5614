package io.plumbery.providers.jclouds.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.jclouds.cloud.HostKeyChecks;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A new instance's SSH host key from GetConsoleOutput, pinned; or, when its console shows none in time, first use. */
class Ec2ConsoleKeysTest {

    @TempDir
    Path work;

    @RegisterExtension
    final Ec2Replay ec2 = Ec2Replay.forEachTest();

    @Test
    void theKeyTheConsoleShowsIsPinnedAndAnotherRefused() throws Exception {
        scriptNode();
        ec2.on("GetConsoleOutput", "get-console-output-empty.xml", "get-console-output-booting.xml",
                "get-console-output-keys.xml");
        NodeRecord node;
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            node = provider.createNode(Ec2Fixtures.node(Ec2Fixtures.network()));
        }
        assertEquals(HostKeyChecks.NODE_KEY, node.ssh().hostKey(), "the ed25519 key, read again until it showed");
        assertEquals(3, ec2.requests("GetConsoleOutput").size());
        assertEquals("i-0a1b2c3d4e5f60004", ec2.requests("GetConsoleOutput").get(0).get("InstanceId"));
        assertEquals(HostKeyChecks.NODE_FINGERPRINT + ", from the console output", node.attributes().get("hostKey"));
        assertEquals(NodeStatus.RUNNING, node.status(), "the instance as it is once its console was read");
        HostKeyChecks.pinnedAndOthersRefused(node, work);

        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            assertEquals(HostKeyChecks.NODE_KEY, provider.refreshNode(node).ssh().hostKey(), "kept when refreshed");
        }
        assertEquals(List.of(), ec2.unscripted());
    }

    @Test
    void aConsoleWithoutKeysLeavesTheKeyToFirstContactAndSaysSo() throws Exception {
        scriptNode();
        ec2.on("GetConsoleOutput", "get-console-output-booting.xml");
        NodeRecord[] node = new NodeRecord[1];
        String said = HostKeyChecks.stderrOf(() -> {
            try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
                node[0] = provider.createNode(Ec2Fixtures.node(Ec2Fixtures.network()));
            }
        });
        assertNull(node[0].ssh().hostKey());
        assertEquals("none from the console output: trusted on first contact", node[0].attributes().get("hostKey"));
        assertTrue(said.contains("aws-ec2: node web1: its console showed no SSH host key within 1 s "
                + "(aws.console-timeout); its key will be trusted on first contact and its fingerprint printed then"),
                said);
        assertTrue(ec2.requests("GetConsoleOutput").size() > 1, "read again until the time was up");
    }

    private void scriptNode() {
        ec2.on("DescribeInstances", "describe-instances-empty.xml", "describe-instances-running.xml")
                .on("DescribeImages", "describe-images.xml")
                .on("DescribeSecurityGroups", "describe-security-groups.xml")
                .on("RunInstances", "run-instances.xml").on("CreateTags", "return-true.xml");
    }
}
