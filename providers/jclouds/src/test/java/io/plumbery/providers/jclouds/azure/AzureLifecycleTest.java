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

            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, AzureFixtures.RULES));
            assertEquals("3", firewall.attributes().get("rules"));
            assertTrue(firewall.attributes().get("notWritten").startsWith("ping (icmp from 10.77.0.0/16)"));
            JsonNode rules = body(azure.requests("PUT " + NSG).get(1)).at("/properties/securityRules");
            assertEquals(3, rules.size(), rules.toString());
            assertEquals("100-ssh", rules.at("/0/name").asText());
            assertEquals("Tcp", rules.at("/0/properties/protocol").asText());
            assertEquals("22", rules.at("/0/properties/destinationPortRange").asText());
            assertEquals("0.0.0.0/0", rules.at("/0/properties/sourceAddressPrefix").asText());
            assertEquals("Inbound", rules.at("/0/properties/direction").asText());
            assertEquals("Allow", rules.at("/0/properties/access").asText());
            assertEquals("Udp", rules.at("/1/properties/protocol").asText());
            assertEquals("137-138", rules.at("/1/properties/destinationPortRange").asText());
            assertEquals(101, rules.at("/1/properties/priority").asInt());
            assertEquals("*", rules.at("/2/properties/protocol").asText());
            assertEquals("*", rules.at("/2/properties/destinationPortRange").asText());
            assertEquals("10.88.0.0/24", rules.at("/2/properties/sourceAddressPrefix").asText());

            scriptNode(azure);
            NodeRecord node = provider.createNode(AzureFixtures.node(network));
            assertEquals("web1", node.id());
            assertEquals(NodeStatus.RUNNING, node.status());
            assertEquals("10.77.3.4", node.privateAddress());
            assertEquals("10.77.3.4", node.ssh().host());
            assertEquals("plumbery", node.ssh().user());
            assertTrue(node.attributes().get("vmSize").startsWith("Standard_B2s (2 vCPU, 4 GiB)"), node.attributes()
                    .toString());
            assertEquals("Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest, for appliance 'Ubuntu 22.04'",
                    node.attributes().get("image"));
            JsonNode nic = body(azure.requests("PUT " + NIC).get(0));
            assertTrue(nic.at("/properties/networkSecurityGroup/id").asText().endsWith(
                    "/resourceGroups/plumbery-demo/providers/Microsoft.Network/networkSecurityGroups/demo-f-web-nsg"));
            assertTrue(nic.at("/properties/ipConfigurations/0/properties/subnet/id").asText()
                    .endsWith("/virtualNetworks/WebFox/subnets/web"));
            assertEquals("network-interface/web1", nic.at("/tags/plumbery-resource").asText());
            JsonNode vm = body(azure.requests("PUT " + VM).get(0));
            assertEquals("Standard_B2s", vm.at("/properties/hardwareProfile/vmSize").asText());
            assertEquals("Canonical", vm.at("/properties/storageProfile/imageReference/publisher").asText());
            assertEquals("22_04-lts-gen2", vm.at("/properties/storageProfile/imageReference/sku").asText());
            assertEquals("FromImage", vm.at("/properties/storageProfile/osDisk/createOption").asText());
            assertEquals("20", vm.at("/properties/storageProfile/dataDisks/0/diskSizeGB").asText());
            assertEquals("Empty", vm.at("/properties/storageProfile/dataDisks/0/createOption").asText());
            assertEquals("StandardSSD_LRS", vm.at("/properties/storageProfile/dataDisks/0/managedDisk/"
                    + "storageAccountType").asText());
            assertEquals("#cloud-config\nhostname: web1\n", new String(Base64.getDecoder().decode(
                    vm.at("/properties/osProfile/customData").asText()), StandardCharsets.UTF_8));
            assertEquals("plumbery", vm.at("/properties/osProfile/adminUsername").asText());
            assertEquals("ssh-ed25519 AAAAC3Nza test@plumbery", vm.at("/properties/osProfile/linuxConfiguration/ssh/"
                    + "publicKeys/0/keyData").asText());
            assertFalse(vm.at("/properties/osProfile").has("adminPassword"), "no password, the plan's key only");
            assertTrue(vm.at("/properties/networkProfile/networkInterfaces/0/id").asText().endsWith("/web1-nic"));
            assertEquals("demo", vm.at("/tags/plumbery-plan").asText());

            azure.on("GET " + IP, AzureReplay.MISSING, "public-ip-updating.json", "public-ip.json")
                    .on("PUT " + IP, "public-ip-updating.json").on("GET " + NIC, "nic.json", "nic-public.json")
                    .on("PUT " + NIC, "nic-updating.json");
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("demo-web1-public",
                    node, List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.10", address.address());
            JsonNode ip = body(azure.requests("PUT " + IP).get(0));
            assertEquals("Standard", ip.at("/sku/name").asText());
            assertEquals("Static", ip.at("/properties/publicIPAllocationMethod").asText());
            assertTrue(body(azure.requests("PUT " + NIC).get(1)).at("/properties/ipConfigurations/0/properties/"
                    + "publicIPAddress/id").asText().endsWith("/publicIPAddresses/demo-web1-public"));

            NodeRecord refreshed = provider.refreshNode(node.withPublicAddress(address.address()));
            assertEquals(NodeStatus.RUNNING, refreshed.status());
            assertEquals("203.0.113.10", refreshed.publicAddress());
            assertEquals("203.0.113.10", refreshed.ssh().host());

            azure.on("GET " + VM + "/instanceView", "view-running.json", "view-deallocating.json",
                    "view-deallocated.json");
            azure.script("POST " + VM + "/deallocate", AzureReplay.accepted("vm-deallocate"));
            NodeRecord stopped = provider.stopNode(refreshed);
            assertEquals(NodeStatus.STOPPED, stopped.status());
            assertEquals(1, azure.requests("POST " + VM + "/deallocate").size(), "deallocated, so not billed");
            azure.on("GET " + VM + "/instanceView", "view-deallocated.json", "view-starting.json", "view-running.json");
            azure.script("POST " + VM + "/start", AzureReplay.accepted("vm-start"));
            assertEquals(NodeStatus.RUNNING, provider.startNode(stopped).status());
            assertEquals(List.of(), azure.unscripted());

            int before = azure.changes().size();
            scriptDispose(azure);
            provider.releasePublicAddress(address);
            provider.destroyNode(refreshed);
            provider.destroyFirewall(firewall);
            provider.destroyNetwork(network);
            assertEquals(List.of("PUT " + NIC, "DELETE " + IP, "DELETE " + VM, "DELETE " + NIC,
                    "DELETE " + DISKS + "web1-os", "DELETE " + DISKS + "web1-disk-1", "PUT " + NSG, "DELETE " + SUBNET,
                    "DELETE " + NSG, "DELETE " + VNET, "DELETE " + GROUP), azure.changes().subList(before,
                    azure.changes().size()), "in reverse order, the resource group last");
            assertFalse(body(azure.requests("PUT " + NIC).get(2)).at("/properties/ipConfigurations/0/properties")
                    .has("publicIPAddress"), "taken off the NIC before it is deleted");
            assertEquals(0, body(azure.requests("PUT " + NSG).get(2)).at("/properties/securityRules").size());
            assertTrue(azure.requests("GET /operations/rg-delete").size() >= 1, "the group's deletion waited on");
            assertEquals(List.of(), azure.unscripted());
        }
    }

    /** Everything there, then deleted: each delete accepted and its operation done. */
    static void scriptDispose(AzureReplay azure) {
        azure.on("GET " + IP, "public-ip.json", AzureReplay.MISSING).on("GET " + NIC, "nic-public.json", "nic.json")
                .on("PUT " + NIC, "nic.json").on("DELETE " + IP, "list-empty.json")
                .on("GET " + VM, "vm.json").deleteAccepted("DELETE " + VM, "vm-delete")
                .deleteAccepted("DELETE " + NIC, "nic-delete")
                .deleteAccepted("DELETE " + DISKS + "web1-os", "os-disk-delete")
                .deleteAccepted("DELETE " + DISKS + "web1-disk-1", "data-disk-delete")
                .on("GET " + NSG, "nsg.json").on("PUT " + NSG, "nsg.json")
                .on("GET " + VNET, "vnet.json", AzureReplay.MISSING).on("DELETE " + SUBNET, "list-empty.json")
                .on("GET " + SUBNET, AzureReplay.MISSING).deleteAccepted("DELETE " + NSG, "nsg-delete")
                .on("GET " + VNET + "/subnets", "list-empty.json").on("DELETE " + VNET, "list-empty.json")
                .on("GET " + GROUP, "resource-group.json").on("GET " + GROUP + "/resources", "resources-empty.json")
                .deleteAccepted("DELETE " + GROUP, "rg-delete");
    }

    static JsonNode body(ReplayServer.Exchange exchange) {
        try {
            return JSON.readTree(exchange.body().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
