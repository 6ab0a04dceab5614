package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the engine sees when a plan asks for the impossible, and how long the stub's in-memory cloud lives. */
class JcloudsStubErrorsAndStateTest {

    private static final NetworkRecord NETWORK = new NetworkRecord("net", "net", "10.0.0.0/24", Map.of());

    @Test
    void aBadImageNameNamesTheClosestImagesAndCreatesNothing() throws ProviderException {
        try (JcloudsProvider provider = Stubs.open("bad-image", Stubs.freshIdentity())) {
            ProviderException error = assertThrows(ProviderException.class,
                    () -> provider.createNode(Stubs.node("web-01", NETWORK, "Ubunto 14")));
            assertFalse(error.retryable());
            assertTrue(error.getMessage().startsWith("no image on stub matches appliance 'Ubunto 14'; closest: "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("ubuntu 14.04"), error.getMessage());
            assertTrue(provider.computeService().listNodes().isEmpty());
        }
    }

    @Test
    void hardwareTooBigListsTheHardwareOnOffer() throws ProviderException {
        try (JcloudsProvider provider = Stubs.open("big", Stubs.freshIdentity())) {
            ProviderException error = assertThrows(ProviderException.class, () -> provider.createNode(
                    new NodeRequest("huge-01", NETWORK, 64, 1_000_000, List.of(), "CentOS 7", "")));
            assertFalse(error.retryable());
            assertTrue(error.getMessage().contains("no hardware on stub for node huge-01 with 64 cpu"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("large (8.0 cpu, 15360 MiB)"), error.getMessage());
        }
    }

    @Test
    void twoOpensWithOneIdentityShareTheStubCloudOthersDoNot() throws ProviderException {
        String identity = Stubs.freshIdentity();
        NodeRecord built;
        try (JcloudsProvider first = Stubs.open("shared", identity)) {
            NetworkRecord network = first.ensureNetwork(new NetworkRequest("shared-net", "d", "e", "10.1.0.0/24"));
            built = first.createNode(Stubs.node("db-01", network, "CentOS 7"));
        }
        NodeRecord lost = new NodeRecord(null, "db-01", "shared-net", NodeStatus.PENDING, null, null, null, Map.of());
        try (JcloudsProvider second = Stubs.open("shared", identity);
             JcloudsProvider stranger = Stubs.open("shared", Stubs.freshIdentity())) {
            // the same JVM and identity: the node outlives the provider that made it, and is found by name
            NodeRecord found = second.refreshNode(lost);
            assertEquals(built.id(), found.id());
            assertEquals(NodeStatus.RUNNING, found.status());
            assertEquals(built.id(), second.createNode(Stubs.node("db-01", NETWORK, "CentOS 7")).id());
            // an id that now belongs to another node (a stale state from an earlier JVM) touches nothing
            NodeRecord stale = new NodeRecord(built.id(), "db-02", "shared-net", NodeStatus.RUNNING, null, null, null,
                    Map.of());
            assertEquals(NodeStatus.GONE, second.refreshNode(stale).status());
            second.destroyNode(stale);
            assertEquals(NodeStatus.RUNNING, second.refreshNode(built).status());
            // another identity is another cloud
            assertEquals(NodeStatus.GONE, stranger.refreshNode(lost).status());
            second.destroyNode(lost);
            assertEquals(NodeStatus.GONE, second.refreshNode(built).status());
        }
    }

    @Test
    void plansInOneCloudDoNotSeeEachOthersNodes() throws ProviderException {
        String identity = Stubs.freshIdentity();
        try (JcloudsProvider blue = Stubs.open("blue", identity); JcloudsProvider green = Stubs.open("green", identity)) {
            NodeRecord b = blue.createNode(Stubs.node("web-01", NETWORK, "Ubuntu"));
            NodeRecord g = green.createNode(Stubs.node("web-01", NETWORK, "Ubuntu"));
            assertNotEquals(b.id(), g.id());
            blue.destroyNode(new NodeRecord(null, "web-01", "net", NodeStatus.PENDING, null, null, null, Map.of()));
            assertEquals(NodeStatus.RUNNING, green.refreshNode(g).status());
            green.destroyNode(g);
        }
    }

    @Test
    void aClosedProviderRefusesWork() throws ProviderException {
        JcloudsProvider provider = Stubs.open("closed", Stubs.freshIdentity());
        provider.close();
        provider.close();
        assertThrows(ProviderException.class, () -> provider.createNode(Stubs.node("x", NETWORK, "Ubuntu")));
    }
}
