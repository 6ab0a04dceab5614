package io.plumbery.providers.jclouds.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
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
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Build, list and destroy one network, firewall, node and public address against Keystone v3, Nova and Neutron
 * replayed on 127.0.0.1, every request's body checked.
 */
class OpenStackLifecycleTest {

    static final List<FirewallRule> RULES = List.of(
            new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", "10.77.3.0/24"),
            new FirewallRule("netbios", FirewallRule.Protocol.UDP, 137, 138, "10.77.3.0/24", "10.77.3.0/24"),
            FirewallRule.icmp("ping", "10.77.0.0/16", "10.77.3.0/24"),
            FirewallRule.everything("accept-db", "10.88.0.0/24", "10.77.3.0/24"));
    static final String SERVER = "compute/servers/" + OpenStackReplay.SERVER;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @RegisterExtension
    final OpenStackReplay os = OpenStackReplay.forEachTest();

    @Test
    void buildsListsAndDestroysWithOpenStacksOwnNetworkModel() throws Exception {
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            os.on("GET network/networks", "networks-external.json").on("POST network/networks", 201, "network.json")
                    .on("GET network/subnets", "subnets-empty.json").on("POST network/subnets", 201, "subnet.json")
                    .on("GET network/routers", "routers-empty.json").on("POST network/routers", 201, "router.json")
                    .on("GET network/ports", "ports-empty.json")
                    .on("PUT network/routers/" + OpenStackReplay.ROUTER + "/add_router_interface",
                            "router-interface.json");
            NetworkRecord network = provider.ensureNetwork(OpenStackFixtures.NETWORK);
            assertEquals(OpenStackReplay.NETWORK, network.id());
            assertEquals(OpenStackReplay.SUBNET, network.attributes().get("subnetId"));
            assertEquals(OpenStackReplay.ROUTER, network.attributes().get("routerId"));
            assertEquals("demo-f-web", body(os.requests("POST network/networks").get(0)).at("/network/name").asText());
            JsonNode subnet = body(os.requests("POST network/subnets").get(0)).get("subnet");
            assertEquals("10.77.3.0/24", subnet.get("cidr").asText());
            assertEquals(4, subnet.get("ip_version").asInt());
            assertEquals(OpenStackReplay.NETWORK, subnet.get("network_id").asText());
            JsonNode router = body(os.requests("POST network/routers").get(0)).get("router");
            assertEquals(OpenStackReplay.EXTERNAL, router.at("/external_gateway_info/network_id").asText());
            assertEquals(OpenStackReplay.SUBNET, body(os.requests("PUT network/routers/" + OpenStackReplay.ROUTER
                    + "/add_router_interface").get(0)).get("subnet_id").asText());
            ReplayServer.Exchange token = os.requests(OpenStackReplay.TOKEN).get(0);
            JsonNode auth = body(token).get("auth");
            assertEquals("plumbery", auth.at("/identity/password/user/name").asText());
            assertEquals("Default", auth.at("/identity/password/user/domain/name").asText());
            assertEquals("plumbery-test", auth.at("/scope/project/name").asText());
            assertEquals(OpenStackReplay.SUBJECT_TOKEN, os.requests("POST network/networks").get(0).headers()
                    .get("x-auth-token"));

            os.on("GET network/security-groups", "security-groups-other.json")
                    .on("POST network/security-groups", 201, "security-group.json")
                    .on("POST network/security-group-rules", 201, "security-group-rule.json");
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, RULES));
            assertEquals(OpenStackReplay.SECURITY_GROUP, firewall.id());
            JsonNode group = body(os.requests("POST network/security-groups").get(0)).get("security_group");
            assertEquals("demo-f-web", group.get("name").asText());
            assertEquals("plumbery plan=demo resource=firewall/demo-f-web", group.get("description").asText());
            List<JsonNode> added = os.requests("POST network/security-group-rules").stream()
                    .map(e -> body(e).get("security_group_rule")).toList();
            assertEquals(4, added.size());
            assertTrue(added.stream().allMatch(r -> r.get("direction").asText().equals("ingress")
                    && r.get("ethertype").asText().equals("IPv4")
                    && r.get("security_group_id").asText().equals(OpenStackReplay.SECURITY_GROUP)), added.toString());
            JsonNode udp = added.get(1);
            assertEquals("udp", udp.get("protocol").asText());
            assertEquals(137, udp.get("port_range_min").asInt());
            assertEquals(138, udp.get("port_range_max").asInt());
            JsonNode icmp = added.get(2);
            assertEquals("icmp", icmp.get("protocol").asText());
            assertEquals(8, icmp.get("port_range_min").asInt(), "echo request");
            assertEquals("10.77.0.0/16", icmp.get("remote_ip_prefix").asText());
            assertFalse(added.get(3).has("protocol") && !added.get(3).get("protocol").isNull(), "everything: "
                    + added.get(3));
            assertEquals("10.88.0.0/24", added.get(3).get("remote_ip_prefix").asText());

            os.on("GET compute/servers/detail", "servers-empty.json")
                    .on("GET compute/flavors/detail", "flavors.json").on("GET compute/images/detail", "images.json")
                    .on("GET network/security-groups", "security-groups-new.json")
                    .on("POST compute/servers", 202, "server-created.json")
                    .on("GET " + SERVER, "server-build.json", "server-active.json");
            NodeRecord node = provider.createNode(OpenStackFixtures.node(network));
            assertEquals(OpenStackReplay.SERVER, node.id());
            assertEquals(NodeStatus.RUNNING, node.status());
            assertEquals("10.77.3.12", node.privateAddress());
            assertEquals("10.77.3.12", node.ssh().host());
            assertNull(node.ssh().hostKey(), "Nova's console is out of jclouds' reach: first contact");
            assertTrue(node.attributes().get("flavor").startsWith("m1.medium (2 vCPU, 4 GiB): the smallest flavor "
                    + "with 2 vCPU and 4096 MiB"), node.attributes().toString());
            assertTrue(node.attributes().get("image").startsWith("debian-12-genericcloud-amd64-20261101"),
                    "the newest active one: " + node.attributes());
            JsonNode server = body(os.requests("POST compute/servers").get(0)).get("server");
            assertEquals("demo-web1", server.get("name").asText());
            assertEquals("3", server.get("flavorRef").asText(), "m1.medium, not m2.medium of the same size");
            assertEquals("0f6a1c2e-0000-4000-8000-000000000102", server.get("imageRef").asText());
            assertEquals(OpenStackReplay.NETWORK, server.at("/networks/0/uuid").asText());
            assertEquals("demo-f-web", server.at("/security_groups/0/name").asText());
            assertEquals("demo", server.at("/metadata/plumbery:plan").asText());
            assertEquals("node/web1", server.at("/metadata/plumbery:resource").asText());
            assertEquals("#cloud-config\nhostname: web1\n", new String(Base64.getDecoder().decode(
                    server.get("user_data").asText()), StandardCharsets.UTF_8));
            JsonNode volume = server.at("/block_device_mapping_v2/0");
            assertEquals(20, volume.get("volume_size").asInt());
            assertEquals("blank", volume.get("source_type").asText());
            assertTrue(volume.get("delete_on_termination").asBoolean(), volume.toString());

            os.on("GET compute/servers/detail", "servers-active.json")
                    .on("GET network/networks", "networks-all.json").on("GET network/ports", "ports.json")
                    .on("GET network/floatingips", "floatingips-empty.json")
                    .on("POST network/floatingips", 201, "floatingip.json");
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("demo-web1-public",
                    node, List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.20", address.address());
            assertEquals(OpenStackReplay.FLOATING_IP, address.id());
            JsonNode floating = body(os.requests("POST network/floatingips").get(0)).get("floatingip");
            assertEquals(OpenStackReplay.EXTERNAL, floating.get("floating_network_id").asText());
            assertEquals(OpenStackReplay.SERVER_PORT, floating.get("port_id").asText());

            os.on("GET compute/servers/detail", "servers-floating.json");
            NodeRecord listed = provider.refreshNode(node);
            assertEquals("203.0.113.20", listed.publicAddress());
            assertEquals("203.0.113.20", listed.ssh().host());

            // dispose, in the engine's order: addresses, nodes, firewalls, networks
            int before = os.requests().size();
            os.on("DELETE network/floatingips/" + OpenStackReplay.FLOATING_IP, OpenStackReplay.EMPTY);
            provider.releasePublicAddress(address);
            os.on("DELETE " + SERVER, OpenStackReplay.EMPTY).on("GET " + SERVER, OpenStackReplay.MISSING);
            provider.destroyNode(listed);
            os.on("DELETE network/security-groups/" + OpenStackReplay.SECURITY_GROUP, OpenStackReplay.EMPTY);
            provider.destroyFirewall(firewall);
            os.on("GET network/routers", "routers.json").on("GET network/subnets", "subnets.json")
                    .on("PUT network/routers/" + OpenStackReplay.ROUTER + "/remove_router_interface",
                            "router-interface.json")
                    .on("DELETE network/routers/" + OpenStackReplay.ROUTER, OpenStackReplay.EMPTY)
                    .on("DELETE network/subnets/" + OpenStackReplay.SUBNET, OpenStackReplay.EMPTY)
                    .on("DELETE network/networks/" + OpenStackReplay.NETWORK, OpenStackReplay.EMPTY);
            provider.destroyNetwork(network);
            List<String> after = os.changes();
            assertEquals(List.of("DELETE network/floatingips/" + OpenStackReplay.FLOATING_IP, "DELETE " + SERVER,
                    "DELETE network/security-groups/" + OpenStackReplay.SECURITY_GROUP,
                    "PUT network/routers/" + OpenStackReplay.ROUTER + "/remove_router_interface",
                    "DELETE network/routers/" + OpenStackReplay.ROUTER,
                    "DELETE network/subnets/" + OpenStackReplay.SUBNET,
                    "DELETE network/networks/" + OpenStackReplay.NETWORK), after.subList(after.size() - 7, after.size()));
            assertTrue(os.requests().size() > before);
            assertEquals(Set.of(), os.requests().stream().filter(e -> e.method().equals("DELETE"))
                    .map(ReplayServer.Exchange::path).filter(p -> p.contains("0f6a1c2e-0000-4000-8000-000000000099"))
                    .collect(Collectors.toSet()), "another plan's security group of the same name is never touched");
        }
        assertEquals(List.of(), os.unscripted());
    }

    static JsonNode body(ReplayServer.Exchange exchange) {
        try {
            return JSON.readTree(exchange.body());
        } catch (Exception e) {
            throw new IllegalStateException(exchange.body(), e);
        }
    }
}
