package io.plumbery.providers.jclouds.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.jclouds.cloud.ReplayServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Build, refresh, stop, start and dispose one network, firewall, node and public address against Azure Resource
 * Manager and the token endpoint replayed on 127.0.0.1, each long-running operation waited on.
 */
class AzureLifecycleTest {

    static final String GROUP = "resourceGroups/plumbery-demo";
    static final String VNET = "Microsoft.Network/virtualNetworks/WebFox";
    static final String SUBNET = VNET + "/subnets/web";
    static final String NSG = "Microsoft.Network/networkSecurityGroups/demo-f-web-nsg";
    static final String NIC = "Microsoft.Network/networkInterfaces/web1-nic";
    static final String IP = "Microsoft.Network/publicIPAddresses/demo-web1-public";
    static final String VM = "Microsoft.Compute/virtualMachines/web1";
    static final String DISKS = "Microsoft.Compute/disks/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final AzureReplay azure = AzureReplay.forEachTest();

    /** A network that is not there yet, made: group, virtual network with its subnet, security group. */
    static void scriptNetwork(AzureReplay azure) {
        azure.on("GET " + GROUP, AzureReplay.MISSING, "resource-group.json").on("PUT " + GROUP, "resource-group.json")
                .on("GET " + VNET, AzureReplay.MISSING, "vnet-updating.json", "vnet.json")
                .on("PUT " + VNET, "vnet-updating.json").on("GET " + SUBNET, "subnet.json")
                .on("GET " + NSG, AzureReplay.MISSING, "nsg-updating.json", "nsg.json").on("PUT " + NSG, "nsg-updating.json");
    }

    /** A node that is not there yet, made: its NIC, then its VM. */
    static void scriptNode(AzureReplay azure) {
        azure.on("GET " + NIC, AzureReplay.MISSING, "nic-updating.json", "nic.json").on("PUT " + NIC, "nic-updating.json")
                .on("GET " + VM, AzureReplay.MISSING, "vm-creating.json", "vm.json").on("PUT " + VM, "vm-creating.json")
                .on("GET " + VM + "/instanceView", "view-running.json");
    }

    @Test
    void buildsRefreshesStopsStartsAndDisposesWithAzuresOwnNetworkModel() throws Exception {
        try (AzureProvider provider = AzureFixtures.open(azure, work)) {
            scriptNetwork(azure);
            NetworkRecord network = provider.ensureNetwork(AzureFixtures.NETWORK);
            assertTrue(network.id().endsWith("/resourceGroups/plumbery-demo/providers/Microsoft.Network/"
                    + "virtualNetworks/WebFox/subnets/web"), network.id());
            assertEquals("WebFox", network.attributes().get("virtualNetwork"));
            assertEquals("demo-f-web-nsg", network.attributes().get("securityGroup"));
            JsonNode group = body(azure.requests("PUT " + GROUP).get(0));
            assertEquals("westeurope", group.get("location").asText());
            assertEquals("demo", group.at("/tags/plumbery-plan").asText());
            JsonNode vnet = body(azure.requests("PUT " + VNET).get(0));
            assertEquals("10.77.3.0/24", vnet.at("/properties/addressSpace/addressPrefixes/0").asText());
            assertEquals("web", vnet.at("/properties/subnets/0/name").asText());
            assertEquals("10.77.3.0/24", vnet.at("/properties/subnets/0/properties/addressPrefix").asText());
            assertEquals("virtual-network/WebFox", vnet.at("/tags/plumbery-resource").asText());
            assertEquals(0, body(azure.requests("PUT " + NSG).get(0)).at("/properties/securityRules").size(),
                    "made empty: Azure's defaults let nothing in from outside");
            assertEquals(List.of("PUT " + GROUP, "PUT " + VNET, "PUT " + NSG), azure.changes());
            assertEquals(3, azure.requests("GET " + VNET).size(), "missing, then polled until Succeeded");
            assertTrue(azure.requests("GET " + VNET).get(0).params().containsKey("api-version"));

            ReplayServer.Exchange token = azure.requests(AzureReplay.TOKEN).get(0);
            assertEquals("client_credentials", token.params().get("grant_type"));
            assertEquals(AzureFixtures.CLIENT_ID, token.params().get("client_id"));
            assertEquals("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.replay-access-token-0001.",
                    azure.requests("GET " + VNET).get(0).headers().get("authorization"));
            assertEquals(List.of(), azure.unscripted());
        }
    }

    static JsonNode body(ReplayServer.Exchange exchange) {
        try {
            return JSON.readTree(exchange.body().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
