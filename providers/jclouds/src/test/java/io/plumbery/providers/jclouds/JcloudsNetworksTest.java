package io.plumbery.providers.jclouds;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import org.jclouds.compute.domain.NodeMetadata;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks the plan declares are logical; one the cloud already has is asked for by name. */
class JcloudsNetworksTest {

    @Test
    void aNetworkOfTheCloudIsUsedByNameAndNeverMade() throws Exception {
        assertTrue(new JcloudsProviderFactory().existingNetworks());
        assertTrue(new StubProviderFactory().existingNetworks());
        try (JcloudsProvider provider = Stubs.open("nets", Stubs.freshIdentity())) {
            NetworkRecord legacy = provider.ensureNetwork(new NetworkRequest("legacy-lan", null, "legacy-lan", null));
            assertEquals("existing", legacy.attributes().get("kind"));
            assertEquals("legacy-lan", legacy.name());
            assertNull(legacy.subnet(), "its addresses are the cloud's");
            NodeRecord node = provider.createNode(Stubs.node("old1", legacy, "Ubuntu 14"));
            assertEquals("legacy-lan (the cloud's, asked for by name)", node.attributes().get("network"));
            NodeMetadata made = provider.computeService().getNodeMetadata(node.id());
            assertEquals("legacy-lan", made.getUserMetadata().get(NodeMapping.META_NETWORK));

            NetworkRecord declared = provider.ensureNetwork(new NetworkRequest("nets-eu6-web", null, "web", "10.0.0.0/24"));
            assertEquals("logical", declared.attributes().get("kind"));
            assertNull(provider.createNode(Stubs.node("web1", declared, "Ubuntu 14")).attributes().get("network"));
        }
    }
}
