package io.plumbery.providers.jclouds.azure;

import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.DISKS;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.GROUP;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.NIC;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.NSG;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.SUBNET;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.VM;
import static io.plumbery.providers.jclouds.azure.AzureLifecycleTest.VNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.ReplayServer.Reply;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throttling, errors, a VM that fails to provision and an interrupted build, against Resource Manager replayed on
 * 127.0.0.1.
 */
class AzureResilienceTest {

    @TempDir
    Path work;

    @RegisterExtension
    final AzureReplay azure = AzureReplay.forEachTest();

    @Test
    void throttlingIsTriedAgainAfterAzuresRetryAfter() throws Exception {
        AzureLifecycleTest.scriptNetwork(azure);
        azure.script("PUT " + VNET, AzureReplay.throttled(1), Reply.ok("vnet-updating.json"))
                .failOnce("GET " + SUBNET, 503, "error-unavailable.json");
        Instant start = Instant.now();
        try (AzureProvider provider = AzureProvider.open(AzureFixtures.settings(azure, work,
                Map.of("azure.retry-delay-ms", "100")), AzureFixtures.env()::get)) {
            assertTrue(provider.ensureNetwork(AzureFixtures.NETWORK).id().endsWith("/subnets/web"));
        }
        assertTrue(Duration.between(start, Instant.now()).toMillis() >= 1000,
                "waited the second Azure asked for, not the 5 ms of the backoff");
        assertEquals(2, azure.requests("PUT " + VNET).size(), "429 once, then made");
        assertEquals(2, azure.requests("GET " + SUBNET).size(), "503 once, then found");
        assertEquals(List.of(), azure.unscripted());
    }

    @Test
    void throttlingThatLastsFailsAfterBoundedAttempts() throws Exception {
        azure.on("GET " + GROUP, AzureReplay.MISSING);
        azure.script("PUT " + GROUP, AzureReplay.throttled(0));
        try (AzureProvider provider = AzureProvider.open(AzureFixtures.settings(azure, work,
                Map.of("azure.retries", "3")), AzureFixtures.env()::get)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(AzureFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("azure: making resource group plumbery-demo in westeurope: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(" (after 3 attempts)"), e.getMessage());
            assertTrue(e.retryable());
        }
        assertEquals(3, azure.requests("PUT " + GROUP).size(), "no more than azure.retries");
    }

    @Test
    void anErrorNamesTheResourceAndAzuresCode() throws Exception {
        azure.on("GET " + GROUP, "resource-group.json").on("GET " + VNET, "vnet-db-only.json")
                .on("GET " + SUBNET, AzureReplay.MISSING)
                .on("PUT " + VNET, "vnet.json")
                .failOnce("PUT " + SUBNET, 400, "error-invalid-prefix.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(AzureFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("azure: making subnet web (10.77.3.0/24) in WebFox: "
                    + "InvalidAddressPrefixFormat: Address prefix 10.77.3.0/24"), e.getMessage());
            assertFalse(e.retryable());
        }
        assertEquals(1, azure.requests("PUT " + SUBNET).size(), "not tried again");
        assertEquals(List.of("10.77.1.0/24", "10.77.3.0/24"), List.of(
                AzureLifecycleTest.body(azure.requests("PUT " + VNET).get(0)).at("/properties/addressSpace/"
                        + "addressPrefixes/0").asText(), AzureLifecycleTest.body(azure.requests("PUT " + VNET).get(0))
                        .at("/properties/addressSpace/addressPrefixes/1").asText()),
                "the domain's virtual network widened to hold the new subnet");
        assertEquals("db", AzureLifecycleTest.body(azure.requests("PUT " + VNET).get(0))
                .at("/properties/subnets/0/name").asText(), "and keeps the subnet it had");
    }

    @Test
    void refusedCredentialsSaySoAndNeverShowTheSecret() throws Exception {
        azure.failOnce("GET " + GROUP, 403, "error-auth.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(AzureFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("azure: looking for resource group plumbery-demo: credentials refused "
                    + "(AuthorizationFailed: The client"), e.getMessage());
            assertTrue(e.getMessage().contains("AZURE_CLIENT_ID"), e.getMessage());
            assertFalse(e.getMessage().contains(AzureFixtures.CLIENT_SECRET));
            assertFalse(e.retryable());
        }
        assertFalse(azure.requests(AzureReplay.TOKEN).get(0).headers().toString()
                .contains(AzureFixtures.CLIENT_SECRET), "the secret travels in the token request's body only");
    }

    @Test
    void aTokenEndpointThatFailsIsAskedAgainAndNothingIsPrinted() throws Exception {
        azure.failOnce(AzureReplay.TOKEN, 503, "error-unavailable.json");
        azure.on("GET " + GROUP, "resource-group.json").on("GET " + VNET, "vnet.json").on("GET " + SUBNET,
                "subnet.json").on("GET " + NSG, "nsg.json");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String message;
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                provider.ensureNetwork(AzureFixtures.NETWORK);
                message = "";
            } catch (ProviderException e) {
                message = e.getMessage() + " " + e.getCause();
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", message, "the token asked again after the 503");
        assertEquals(2, azure.requests(AzureReplay.TOKEN).size());
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "jclouds prints nothing, least of all the "
                + "token request with its secret");
    }

    @Test
    void aResourceOfTheSameNameThatIsNotThePlansIsLeftAlone() throws Exception {
        azure.on("GET " + GROUP, "resource-group.json").on("GET " + VNET, "vnet.json").on("GET " + SUBNET,
                "subnet.json").on("GET " + NSG, "nsg-other.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(AzureFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("azure: network-security-group demo-f-web-nsg exists but is not plan "
                    + "demo's"), e.getMessage());
        }
        assertEquals(List.of(), azure.changes());
    }

    @Test
    void anInterruptedBuildResumesWithWhatWasMadeAndMakesNothingTwice() throws Exception {
        // the first run made the group, network, security group and NIC, then stopped before the VM
        azure.on("GET " + GROUP, "resource-group.json").on("GET " + VNET, "vnet.json").on("GET " + SUBNET,
                "subnet.json").on("GET " + NSG, "nsg.json").on("GET " + NIC, "nic.json")
                .on("GET " + VM, AzureReplay.MISSING, "vm-creating.json", "vm.json").on("PUT " + VM, "vm-creating.json")
                .on("GET " + VM + "/instanceView", "view-running.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            NetworkRecord network = provider.ensureNetwork(AzureFixtures.NETWORK);
            assertEquals(NodeStatus.RUNNING, provider.createNode(AzureFixtures.node(network)).status());
        }
        assertEquals(List.of("PUT " + VM), azure.changes(), "only what was missing");
        assertEquals(List.of(), azure.unscripted());
    }

    @Test
    void aVmThatFailsToProvisionSaysSoAndIsMadeAgainOnTheNextBuild() throws Exception {
        AzureLifecycleTest.scriptNode(azure);
        azure.on("GET " + VM, AzureReplay.MISSING, "vm-creating.json", "vm-failed.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.createNode(AzureFixtures.node(AzureFixtures.network())));
            assertEquals("azure: making VM web1 (Standard_B2s): provisioning FAILED", e.getMessage());
            assertFalse(e.retryable());

            azure.on("GET " + VM, "vm-failed.json", "vm-failed.json", "vm-creating.json", "vm.json")
                    .deleteAccepted("DELETE " + VM, "vm-delete").deleteAccepted("DELETE " + NIC, "nic-delete")
                    .deleteAccepted("DELETE " + DISKS + "web1-os", "os-disk-delete")
                    .deleteAccepted("DELETE " + DISKS + "web1-disk-1", "data-disk-delete")
                    .on("GET " + NIC, "nic.json", AzureReplay.MISSING, "nic-updating.json", "nic.json");
            int before = azure.changes().size();
            assertEquals(NodeStatus.RUNNING, provider.createNode(AzureFixtures.node(AzureFixtures.network())).status());
            assertEquals(List.of("DELETE " + VM, "DELETE " + NIC, "DELETE " + DISKS + "web1-os",
                    "DELETE " + DISKS + "web1-disk-1", "PUT " + NIC, "PUT " + VM), azure.changes()
                    .subList(before, azure.changes().size()), "the failed VM and its parts removed, then made anew");
        }
        assertEquals(List.of(), azure.unscripted());
    }

    @Test
    void aDisposeOfANetworkRecordedOnlyAsIntendedFindsItsSubnetByItsRange() throws Exception {
        AzureLifecycleTest.scriptDispose(azure);
        azure.on("GET Microsoft.Network/virtualNetworks", "vnets.json")
                .on("GET " + GROUP + "/resources", "resources-left.json");
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            provider.destroyNetwork(new NetworkRecord(null, "demo-f-web", "10.77.3.0/24", Map.of()));
        }
        assertEquals(List.of("DELETE " + SUBNET, "DELETE " + NSG, "DELETE " + VNET), azure.changes(),
                "the group is kept while something not the plan's is in it");
        assertEquals(List.of(), azure.unscripted());
    }
}
