package io.plumbery.providers.jclouds.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Build, start, stop and destroy one network, firewall, node and public address against GCE's API and Google's token
 * endpoint replayed on 127.0.0.1, each operation waited on.
 */
class GceLifecycleTest {

    static final String ZONE = "zones/europe-west1-b/";
    static final String REGION = "regions/europe-west1/";
    static final String INSTANCE = ZONE + "instances/demo-web1";
    static final String IMAGE = "GET /compute/v1/projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final GceReplay gce = GceReplay.forEachTest();

    @Test
    void buildsStartsStopsAndDestroysWithGcesOwnNetworkModel() throws Exception {
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            scriptOperations(gce);
            gce.on("GET global/networks/demo-f-web", GceReplay.MISSING, "network.json")
                    .on("GET " + REGION + "subnetworks/demo-f-web", GceReplay.MISSING, "subnetwork.json");
            NetworkRecord network = provider.ensureNetwork(GceFixtures.NETWORK);
            assertEquals("demo-f-web", network.id());
            assertTrue(network.attributes().get("subnetwork").endsWith("/regions/europe-west1/subnetworks/demo-f-web"));
            JsonNode vpc = body(gce.requests("POST global/networks").get(0));
            assertEquals("demo-f-web", vpc.get("name").asText());
            assertEquals(false, vpc.get("autoCreateSubnetworks").asBoolean(), "custom mode: " + vpc);
            assertEquals("plumbery plan=demo resource=network/demo-f-web", vpc.get("description").asText());
            JsonNode subnetwork = body(gce.requests("POST " + REGION + "subnetworks").get(0));
            assertEquals("10.77.3.0/24", subnetwork.get("ipCidrRange").asText());
            assertTrue(subnetwork.get("network").asText().endsWith("/global/networks/demo-f-web"), subnetwork.toString());
            assertEquals(2, gce.requests("GET global/operations/operation-global").size()
                    + gce.requests("GET " + REGION + "operations/operation-region").size(), "each create waited on");

            gce.on("GET global/firewalls", "firewalls-some.json");
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, GceFixtures.RULES));
            assertEquals("4", firewall.attributes().get("rules"));
            assertEquals(Set.of("demo-f-web-from-10-77-0-0-16", "demo-f-web-from-10-88-0-0-24"), gce
                    .requests("POST global/firewalls").stream().map(e -> body(e).get("name").asText())
                    .collect(Collectors.toSet()), "the missing ones made, the ssh one left as it is");
            JsonNode icmp = gce.requests("POST global/firewalls").stream().map(GceLifecycleTest::body)
                    .filter(b -> b.get("name").asText().endsWith("10-77-0-0-16")).findFirst().orElseThrow();
            assertEquals("icmp", icmp.at("/allowed/0/IPProtocol").asText());
            assertEquals("10.77.0.0/16", icmp.at("/sourceRanges/0").asText());
            assertEquals("demo-f-web", icmp.at("/targetTags/0").asText());
            JsonNode updated = body(gce.requests("PUT global/firewalls/demo-f-web-from-10-77-3-0-24").get(0));
            assertEquals("udp", updated.at("/allowed/0/IPProtocol").asText());
            assertEquals("137-138", updated.at("/allowed/0/ports/0").asText());
            assertEquals(1, gce.requests("DELETE global/firewalls/demo-f-web-from-10-99-0-0-16").size());
            assertEquals(List.of(), gce.requests("DELETE global/firewalls/demo-f-web-from-10-1-0-0-16"),
                    "another plan's rule is never touched");

            gce.on("GET " + INSTANCE, GceReplay.MISSING, "instance-running.json").on(IMAGE, "image-ubuntu-2204.json");
            NodeRecord node = provider.createNode(GceFixtures.node(network));
            assertEquals("demo-web1", node.id());
            assertEquals(NodeStatus.RUNNING, node.status());
            assertEquals("10.77.3.2", node.privateAddress());
            assertEquals("10.77.3.2", node.ssh().host());
            assertTrue(node.attributes().get("machineType").startsWith("e2-medium (2 vCPU, 4 GiB)"),
                    node.attributes().toString());
            assertTrue(node.attributes().get("image").startsWith("ubuntu-2204-jammy-v20261120"));
            JsonNode instance = body(gce.requests("POST " + ZONE + "instances").get(0));
            assertEquals("demo-web1", instance.get("name").asText());
            assertEquals("plumbery plan=demo resource=node/web1", instance.get("description").asText());
            assertTrue(instance.get("machineType").asText().endsWith("/zones/europe-west1-b/machineTypes/e2-medium"));
            assertTrue(instance.at("/networkInterfaces/0/subnetwork").asText().endsWith("/subnetworks/demo-f-web"));
            assertEquals("demo-f-web", instance.at("/tags/items/0").asText());
            assertEquals("user-data", instance.at("/metadata/items/0/key").asText());
            assertEquals("#cloud-config\nhostname: web1\n", instance.at("/metadata/items/0/value").asText());
            assertTrue(instance.at("/disks/0/boot").asBoolean());
            assertTrue(instance.at("/disks/0/initializeParams/sourceImage").asText()
                    .endsWith("/projects/ubuntu-os-cloud/global/images/ubuntu-2204-jammy-v20261120"));
            assertEquals(20, instance.at("/disks/1/initializeParams/diskSizeGb").asInt());
            assertTrue(instance.at("/disks/1/initializeParams/diskType").asText().endsWith("/diskTypes/pd-balanced"));
            assertTrue(instance.at("/disks/1/autoDelete").asBoolean(), "deleted with the node");

            gce.on("GET " + INSTANCE, "instance-ephemeral.json", "instance-public.json")
                    .on("GET " + REGION + "addresses/demo-web1-public", GceReplay.MISSING, "address-reserved.json");
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("demo-web1-public",
                    node, List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.10", address.address());
            assertEquals("demo-web1-public", body(gce.requests("POST " + REGION + "addresses").get(0)).get("name")
                    .asText());
            ReplayServer.Exchange ephemeral = gce.requests("POST " + INSTANCE + "/deleteAccessConfig").get(0);
            assertEquals("External NAT", ephemeral.params().get("accessConfig"));
            assertEquals("nic0", ephemeral.params().get("networkInterface"));
            JsonNode attach = body(gce.requests("POST " + INSTANCE + "/addAccessConfig").get(0));
            assertEquals("203.0.113.10", attach.get("natIP").asText());
            assertEquals("ONE_TO_ONE_NAT", attach.get("type").asText());
            NodeRecord listed = provider.refreshNode(node);
            assertEquals("203.0.113.10", listed.publicAddress());
            assertEquals("203.0.113.10", listed.ssh().host());

            gce.on("GET " + INSTANCE, "instance-public.json", "instance-stopped.json");
            assertEquals(NodeStatus.STOPPED, provider.stopNode(listed).status(), "GCE's TERMINATED is stopped");
            gce.on("GET " + INSTANCE, "instance-stopped.json", "instance-public.json");
            assertEquals(NodeStatus.RUNNING, provider.startNode(listed).status());
            assertEquals(1, gce.requests("POST " + INSTANCE + "/stop").size());
            assertEquals(1, gce.requests("POST " + INSTANCE + "/start").size());

            // dispose, in the engine's order: addresses, nodes, firewalls, networks
            int before = gce.calls().size();
            gce.on("GET " + REGION + "addresses/demo-web1-public", "address-in-use.json")
                    .on("GET " + INSTANCE, "instance-public.json");
            provider.releasePublicAddress(address);
            gce.on("GET " + INSTANCE, "instance-running.json");
            provider.destroyNode(listed);
            gce.on("GET global/firewalls", "firewalls-all.json");
            provider.destroyFirewall(firewall);
            gce.on("GET " + REGION + "subnetworks/demo-f-web", "subnetwork.json")
                    .on("GET global/networks/demo-f-web", "network.json");
            provider.destroyNetwork(network);
            List<String> changes = gce.calls().subList(before, gce.calls().size()).stream()
                    .filter(k -> !k.startsWith("GET ")).toList();
            assertEquals(List.of("POST " + INSTANCE + "/deleteAccessConfig", "DELETE " + REGION
                    + "addresses/demo-web1-public", "DELETE " + INSTANCE, "DELETE global/firewalls/demo-f-web-from-0-0-0-0-0",
                    "DELETE global/firewalls/demo-f-web-from-10-77-3-0-24",
                    "DELETE global/firewalls/demo-f-web-from-10-77-0-0-16",
                    "DELETE global/firewalls/demo-f-web-from-10-88-0-0-24", "DELETE " + REGION
                    + "subnetworks/demo-f-web", "DELETE global/networks/demo-f-web"), changes);
        }
        assertEquals(List.of(), gce.unscripted());
    }

    @Test
    void aServiceAccountsSignedAssertionBuysTheTokenEveryCallCarries() throws Exception {
        gce.on("GET global/networks/demo-f-web", "network.json")
                .on("GET " + REGION + "subnetworks/demo-f-web", "subnetwork.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            provider.ensureNetwork(GceFixtures.NETWORK);
        }
        ReplayServer.Exchange token = gce.requests(GceReplay.TOKEN).get(0);
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", token.params().get("grant_type"));
        String[] jwt = token.params().get("assertion").split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(GceFixtures.KEY.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with the service account's key");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(GceFixtures.CLIENT_EMAIL, claims.get("iss").asText());
        assertEquals(gce.tokenEndpoint(), claims.get("aud").asText());
        assertTrue(claims.get("scope").asText().contains("https://www.googleapis.com/auth/compute"), claims.toString());
        ReplayServer.Exchange call = gce.requests("GET global/networks/demo-f-web").get(0);
        assertEquals("Bearer ya29.replay-access-token-0001", call.headers().get("authorization"));
        assertTrue(call.path().startsWith("/compute/v1/projects/plumbery-test/"), "the key file's project");
    }

    @Test
    void aNetworkWithoutRulesHasNoneToDelete() throws Exception {
        gce.on("GET global/firewalls", "firewalls-empty.json");
        try (GceProvider provider = GceFixtures.open(gce, work)) {
            provider.destroyFirewall(new FirewallRecord("demo-f-web", "web", "demo-f-web", GceFixtures.RULES, null));
        }
        assertEquals(List.of(), gce.changes(), "GCE leaves items out of an empty list");
        assertEquals("name eq demo-f-web-from-.*", gce.requests("GET global/firewalls").get(0).params().get("filter"));
    }

    /** Every create, change and delete answers a running operation, which is done when asked again. */
    static void scriptOperations(GceReplay gce) {
        gce.on("POST global/networks", "op-global-running.json").on("POST global/firewalls", "op-global-running.json")
                .on("PUT global/firewalls/demo-f-web-from-10-77-3-0-24", "op-global-running.json")
                .on("GET global/operations/operation-global", "op-global-done.json")
                .on("POST " + REGION + "subnetworks", "op-region-running.json")
                .on("POST " + REGION + "addresses", "op-region-running.json")
                .on("DELETE " + REGION + "addresses/demo-web1-public", "op-region-running.json")
                .on("DELETE " + REGION + "subnetworks/demo-f-web", "op-region-running.json")
                .on("GET " + REGION + "operations/operation-region", "op-region-done.json")
                .on("POST " + ZONE + "instances", "op-zone-running.json")
                .on("DELETE " + INSTANCE, "op-zone-running.json")
                .on("GET " + ZONE + "operations/operation-zone", "op-zone-done.json")
                .on("DELETE global/networks/demo-f-web", "op-global-running.json");
        for (String verb : List.of("addAccessConfig", "deleteAccessConfig", "start", "stop")) {
            gce.on("POST " + INSTANCE + "/" + verb, "op-zone-running.json");
        }
        for (String source : List.of("0-0-0-0-0", "10-77-3-0-24", "10-77-0-0-16", "10-88-0-0-24", "10-99-0-0-16")) {
            gce.on("DELETE global/firewalls/demo-f-web-from-" + source, "op-global-running.json");
        }
    }

    static JsonNode body(ReplayServer.Exchange exchange) {
        try {
            return JSON.readTree(exchange.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(exchange.body(), e);
        }
    }
}
