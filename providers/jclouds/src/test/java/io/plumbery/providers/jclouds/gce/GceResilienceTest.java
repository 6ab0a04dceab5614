package io.plumbery.providers.jclouds.gce;

import static io.plumbery.providers.jclouds.gce.GceLifecycleTest.INSTANCE;
import static io.plumbery.providers.jclouds.gce.GceLifecycleTest.REGION;
import static io.plumbery.providers.jclouds.gce.GceLifecycleTest.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, errors, operations that fail and an interrupted build, against GCE's API replayed on 127.0.0.1. */
class GceResilienceTest {

    @TempDir
    Path work;

    @RegisterExtension
    final GceReplay gce = GceReplay.forEachTest();

    @Test
    void throttlingAndUnavailabilityAreTriedAgain() throws Exception {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET global/networks/demo-f-web", GceReplay.MISSING, "network.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", GceReplay.MISSING, "subnetwork.json")
                .failOnce("POST global/networks", 403, "error-rate-limit.json")
                .failOnce("POST " + REGION + "subnetworks", 429, "error-too-many-requests.json")
                .failOnce("GET " + REGION + "subnetworks/demo-f-web", 503, "error-backend.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            assertEquals("demo-f-web", provider.ensureNetwork(GceFixtures.NETWORK).id());
        }
        assertEquals(2, gce.requests("POST global/networks").size(), "refused once for rateLimitExceeded, then made");
        assertEquals(2, gce.requests("POST " + REGION + "subnetworks").size(), "429 once, then made");
        assertEquals(3, gce.requests("GET " + REGION + "subnetworks/demo-f-web").size(), "503 once, 404, then found");
        assertEquals(List.of(), gce.unscripted());
    }

    @Test
    void throttlingThatLastsFailsAfterBoundedAttempts() throws Exception {
        gce.on("GET global/networks/demo-f-web", GceReplay.MISSING);
        for (int i = 0; i < 5; i++) {
            gce.failOnce("POST global/networks", 403, "error-rate-limit.json");
        }
        try (GceProvider provider = GceProvider.open(GceFixtures.settings(gce, work, Map.of("gce.retries", "3")),
                GceFixtures.env(work)::get, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(GceFixtures.NETWORK));
            assertEquals("google-compute-engine: creating network demo-f-web: rateLimitExceeded: Rate Limit Exceeded "
                    + "(after 3 attempts)", e.getMessage());
            assertTrue(e.retryable());
        }
        assertEquals(3, gce.requests("POST global/networks").size());
    }

    @Test
    void anErrorNamesTheResourceAndGcesReason() throws Exception {
        gce.on("GET global/networks/demo-f-web", "network.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", GceReplay.MISSING)
                .failOnce("POST " + REGION + "subnetworks", 400, "error-invalid-range.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(GceFixtures.NETWORK));
            assertEquals("google-compute-engine: creating subnetwork demo-f-web (10.77.3.0/24) in europe-west1: "
                    + "invalid: Invalid IPCidrRange: 10.77.3.0/24 conflicts with existing subnetwork 'legacy' in region "
                    + "'europe-west1'.", e.getMessage());
            assertFalse(e.retryable());
        }
        assertEquals(1, gce.requests("POST " + REGION + "subnetworks").size(), "not tried again");
        assertEquals(0, gce.requests("POST global/networks").size(), "the network was found by its name");
    }

    @Test
    void anOperationThatEndsWithAnErrorSaysGcesWords() throws Exception {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET " + INSTANCE, GceReplay.MISSING).on(GceLifecycleTest.IMAGE, "image-ubuntu-2204.json")
                .on("GET " + ZONE + "operations/operation-zone", "op-zone-done-quota.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.createNode(GceFixtures.node(GceFixtures.network(gce))));
            assertEquals("google-compute-engine: creating node web1 (instance demo-web1, e2-medium): QUOTA_EXCEEDED: "
                    + "Quota 'CPUS' exceeded.  Limit: 8.0 in region europe-west1.", e.getMessage());
        }
    }

    @Test
    void aCreateWhoseFirstAnswerWasLostCountsAsMadeWhenGceSaysItExists() throws Exception {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET global/networks/demo-f-web", GceReplay.MISSING, "network.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", "subnetwork.json")
                .failOnce("POST global/networks", 409, "error-already-exists.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            assertEquals("demo-f-web", provider.ensureNetwork(GceFixtures.NETWORK).id());
        }
        assertEquals(1, gce.requests("POST global/networks").size());
    }

    @Test
    void refusedCredentialsSaySoAndNeverShowTheKey() throws Exception {
        gce.failOnce("GET global/networks/demo-f-web", 401, "error-auth.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(GceFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("google-compute-engine: looking for network demo-f-web: credentials "
                    + "refused (authError: Request had invalid authentication credentials."), e.getMessage());
            String key = Files.readString(GceFixtures.keyFile(work));
            String secret = key.substring(key.indexOf("BEGIN PRIVATE KEY-----") + 25, key.indexOf("BEGIN PRIVATE KEY-----") + 85);
            assertFalse(e.getMessage().contains(secret));
        }
    }

    @Test
    void anInterruptedBuildResumesWithWhatWasMadeAndMakesNothingTwice() throws Exception {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET global/networks/demo-f-web", GceReplay.MISSING, "network.json")
                .on("GET global/operations/operation-global", "op-global-running.json");
        try (GceProvider interrupted = GceProvider.open(GceFixtures.settings(gce, work, Map.of("gce.wait-timeout",
                "1")), GceFixtures.env(work)::get, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> interrupted.ensureNetwork(GceFixtures.NETWORK));
            assertTrue(e.getMessage().contains("operation operation-global not done after 1 s (gce.wait-timeout)"),
                    e.getMessage());
            assertTrue(e.retryable());
        }
        gce.on("GET " + REGION + "subnetworks/demo-f-web", GceReplay.MISSING, "subnetwork.json")
                .on("GET global/operations/operation-global", "op-global-done.json");
        try (GceProvider resumed = GceFixtures.open(gce, work)) {
            assertEquals("demo-f-web", resumed.ensureNetwork(GceFixtures.NETWORK).id());
        }
        assertEquals(1, gce.requests("POST global/networks").size(), "the network was found by its name");
        assertEquals(1, gce.requests("POST " + REGION + "subnetworks").size());
    }

    @Test
    void aResumedBuildFindsEverythingByNameAndMakesNothingTwice() throws Exception {
        gce.on("GET global/networks/demo-f-web", "network.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", "subnetwork.json")
                .on("GET global/firewalls", "firewalls-all.json").on("GET " + INSTANCE, "instance-public.json")
                .on("GET " + REGION + "addresses/demo-web1-public", "address-in-use.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            // the engine recorded each of these as intended (no id) before the build was interrupted
            NetworkRecord network = provider.ensureNetwork(GceFixtures.NETWORK);
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, GceFixtures.RULES));
            assertEquals("demo-f-web", firewall.id());
            NodeRecord node = provider.createNode(GceFixtures.node(network));
            assertEquals("demo-web1", node.id());
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("demo-web1-public",
                    node, List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.10", address.address());
        }
        assertEquals(List.of(), gce.changes());
        assertEquals(List.of(), gce.unscripted());
    }

    @Test
    void aNodeOfAnotherPlanIsNeverTouched() throws Exception {
        gce.on("GET " + INSTANCE, "instance-other-plan.json");
        NodeRecord stranger = new NodeRecord("demo-web1", "web1", "demo-f-web", NodeStatus.RUNNING, null, null, null,
                null);
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            assertEquals(NodeStatus.GONE, provider.refreshNode(stranger).status());
            provider.destroyNode(stranger);
        }
        assertEquals(List.of(), gce.changes(), "its description is not the plan's");
    }

    @Test
    void anInstanceOfTheNodesNameThatIsNotThePlansIsNotTakenForIt() throws Exception {
        gce.on("GET " + INSTANCE, "instance-other-plan.json").on(GceLifecycleTest.IMAGE, "image-ubuntu-2204.json")
                .failOnce("POST " + ZONE + "instances", 409, "error-already-exists.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.createNode(GceFixtures.node(GceFixtures.network(gce))));
            assertTrue(e.getMessage().startsWith("google-compute-engine: instance demo-web1 exists in the project and "
                    + "is not this plan's (its description is 'plumbery plan=other resource=node/web1')"), e.getMessage());
        }
    }

    @Test
    void aNetworkOfThePlansNameThatIsNotThePlansIsNeitherUsedNorDeleted() throws Exception {
        gce.on("GET global/networks/demo-f-web", "network-other.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", GceReplay.MISSING);
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(GceFixtures.NETWORK));
            assertEquals("google-compute-engine: network demo-f-web exists in the project and is not this plan's (its "
                    + "description is 'the team's network, made by hand'); plumbery neither uses nor deletes it: rename "
                    + "the plan, or remove it", e.getMessage());
            provider.destroyNetwork(GceFixtures.network(gce));
        }
        assertEquals(List.of(), gce.changes());
    }

    @Test
    void aSubnetworkStillHeldByAnInstanceGoingAwayIsDeletedOnceItIsFree() throws Exception {
        GceLifecycleTest.scriptOperations(gce);
        gce.on("GET " + REGION + "subnetworks/demo-f-web", "subnetwork.json", GceReplay.MISSING)
                .on("GET global/networks/demo-f-web", GceReplay.MISSING)
                .on("GET " + REGION + "operations/operation-region", "op-region-done-in-use.json",
                        "op-region-done.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            provider.destroyNetwork(GceFixtures.network(gce));
        }
        assertEquals(2, gce.requests("DELETE " + REGION + "subnetworks/demo-f-web").size());
        assertEquals(List.of(), gce.unscripted());
    }
}
