package io.plumbery.providers.jclouds.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, errors, refused credentials and an interrupted build, against OpenStack replayed on 127.0.0.1. */
class OpenStackResilienceTest {

    private static final String RULE_8080 = "0f6a1c2e-0000-4000-8000-000000000204";

    @TempDir
    Path home;

    @RegisterExtension
    final OpenStackReplay os = OpenStackReplay.forEachTest();

    @Test
    void throttlingAndUnavailabilityAreTriedAgain() throws Exception {
        scriptNewNetwork();
        os.failOnce("POST network/networks", 429, "error-over-limit.json")
                .failOnce("GET network/subnets", 503, "error-over-limit.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            assertEquals(OpenStackReplay.NETWORK, provider.ensureNetwork(OpenStackFixtures.NETWORK).id());
        }
        assertEquals(2, os.requests("POST network/networks").size(), "429 once, then made");
        assertEquals(2, os.requests("GET network/subnets").size(), "503 once, then answered");
        assertEquals(1, os.requests("POST network/subnets").size());
    }

    @Test
    void aCatalogWhoseNetworkEndpointNamesNoVersionIsReachedAtV2() throws Exception {
        os.token("token-versionless-network.json");
        scriptNewNetwork();
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            assertEquals(OpenStackReplay.NETWORK, provider.ensureNetwork(OpenStackFixtures.NETWORK).id());
        }
        assertEquals(1, os.requests("POST network/networks").size(), "jclouds adds /v2.0 to the catalog's URL");
        assertEquals(List.of(), os.unscripted());
    }

    @Test
    void throttlingThatLastsFailsAfterBoundedAttempts() throws Exception {
        os.on("GET network/networks", "networks-external.json");
        for (int i = 0; i < 6; i++) {
            os.failOnce("POST network/networks", 429, "error-over-limit.json");
        }
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home, Map.of("os.retries", "3"))) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(OpenStackFixtures.NETWORK));
            assertEquals("openstack: creating network demo-f-web: HTTP 429 overLimit: Over limit (after 3 attempts)",
                    e.getMessage());
            assertTrue(e.retryable());
        }
        assertEquals(3, os.requests("POST network/networks").size());
    }

    @Test
    void anErrorNamesTheResourceAndTheCloudsWordsAndIsNotTriedAgain() throws Exception {
        scriptNewNetwork();
        os.failOnce("POST network/subnets", 400, "error-neutron-conflict.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(OpenStackFixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("openstack: creating subnet demo-f-web (10.77.3.0/24): HTTP 400 "
                    + "InvalidCIDR: Invalid input for operation: Requested subnet with cidr: 10.77.3.0/24"),
                    e.getMessage());
            assertFalse(e.retryable());
        }
        assertEquals(1, os.requests("POST network/subnets").size());
    }

    @Test
    void refusedCredentialsSaySoWithoutThePassword() throws Exception {
        os.on(OpenStackReplay.TOKEN, 401, "error-unauthorized.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(OpenStackFixtures.NETWORK));
            assertTrue(e.getMessage().contains("credentials refused"), e.getMessage());
            assertTrue(e.getMessage().contains("OS_CLOUD"), e.getMessage());
            assertFalse(e.getMessage().contains(OpenStackFixtures.PASSWORD), e.getMessage());
        }
        assertEquals(List.of(), os.changes());
        // jclouds 2.7.0's Keystone client takes a v3 login refused 401 for an expired token: five tries, 5 s apart
        assertEquals(5, os.requests(OpenStackReplay.TOKEN).size());
    }

    @Test
    void anInterruptedBuildResumesWithoutMakingAnythingTwice() throws Exception {
        os.on("GET network/networks", "networks-all.json").on("GET network/subnets", "subnets.json")
                .on("GET network/routers", "routers.json").on("GET network/ports", "ports.json")
                .on("GET compute/servers/detail", "servers-active.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            NetworkRecord network = provider.ensureNetwork(OpenStackFixtures.NETWORK);
            assertEquals(OpenStackReplay.ROUTER, network.attributes().get("routerId"));
            NodeRecord node = provider.createNode(OpenStackFixtures.node(network));
            assertEquals(OpenStackReplay.SERVER, node.id());
            assertEquals(NodeStatus.RUNNING, node.status());
        }
        assertEquals(List.of(), os.changes(), "everything was there: found by name and marks, nothing made");
        assertEquals(List.of(), os.unscripted());
    }

    @Test
    void theGroupsRulesBecomeThePlansAndAnotherPlansGroupIsLeftAlone() throws Exception {
        os.on("GET network/security-groups", "security-groups-old.json")
                .on("POST network/security-group-rules", 201, "security-group-rule.json")
                .on("DELETE network/security-group-rules/" + RULE_8080, OpenStackReplay.EMPTY);
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", OpenStackFixtures.network(),
                    OpenStackLifecycleTest.RULES));
            assertEquals("4", firewall.attributes().get("rules"));
        }
        assertEquals(List.of("DELETE network/security-group-rules/" + RULE_8080, "POST network/security-group-rules",
                "POST network/security-group-rules", "POST network/security-group-rules"), os.changes(),
                "8080 removed, ssh kept, the three missing added; the egress rules left as Neutron made them");
    }

    @Test
    void aGroupStillHeldByAServerGoingAwayIsDeletedOnceItIsFree() throws Exception {
        String delete = "DELETE network/security-groups/" + OpenStackReplay.SECURITY_GROUP;
        os.on("GET network/security-groups", "security-groups-new.json").on(delete, OpenStackReplay.EMPTY)
                .failOnce(delete, 409, "error-in-use.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            provider.destroyFirewall(new FirewallRecord(null, "web", "demo-f-web", OpenStackLifecycleTest.RULES, null));
        }
        assertEquals(2, os.requests(delete).size());
    }

    @Test
    void aServerInErrorFailsTheNodeAtOnce() throws Exception {
        os.on("GET compute/servers/detail", "servers-empty.json").on("GET compute/flavors/detail", "flavors.json")
                .on("GET compute/images/detail", "images.json")
                .on("GET network/security-groups", "security-groups-new.json")
                .on("POST compute/servers", 202, "server-created.json")
                .on("GET " + OpenStackLifecycleTest.SERVER, "server-build.json", "server-error.json");
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.createNode(OpenStackFixtures.node(OpenStackFixtures.network())));
            assertTrue(e.getMessage().startsWith("openstack: node web1 (server " + OpenStackReplay.SERVER
                    + ") is in ERROR"), e.getMessage());
        }
        assertEquals(1, os.requests("POST compute/servers").size(), "never asked twice");
    }

    @Test
    void aServerOfAnotherPlanIsNeverTouched() throws Exception {
        os.on("GET compute/servers/detail", "servers-other-plan.json");
        NodeRecord stranger = new NodeRecord(OpenStackReplay.SERVER, "web1", "demo-f-web", NodeStatus.RUNNING, null,
                null, null, null);
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            assertEquals(NodeStatus.GONE, provider.refreshNode(stranger).status());
            provider.destroyNode(stranger);
        }
        assertEquals(List.of(), os.changes(), "its metadata is not the plan's");
    }

    @Test
    void stopsAndStartsANode() throws Exception {
        String action = "POST " + OpenStackLifecycleTest.SERVER + "/action";
        NodeRecord node = new NodeRecord(OpenStackReplay.SERVER, "web1", "demo-f-web", NodeStatus.RUNNING, null, null,
                null, null);
        try (OpenStackProvider provider = OpenStackFixtures.open(os, home)) {
            os.on("GET compute/servers/detail", "servers-active.json").on(action, 202, null)
                    .on("GET " + OpenStackLifecycleTest.SERVER, "server-shutoff.json");
            assertEquals(NodeStatus.STOPPED, provider.stopNode(node).status());
            os.on("GET compute/servers/detail", "servers-shutoff.json")
                    .on("GET " + OpenStackLifecycleTest.SERVER, "server-active.json");
            assertEquals(NodeStatus.RUNNING, provider.startNode(node).status());
        }
        List<String> actions = os.requests(action).stream().map(e -> e.body().replaceAll("\\s", "")).toList();
        assertEquals(List.of("{\"os-stop\":null}", "{\"os-start\":null}"), actions);
    }

    private void scriptNewNetwork() {
        os.on("GET network/networks", "networks-external.json").on("POST network/networks", 201, "network.json")
                .on("GET network/subnets", "subnets-empty.json").on("POST network/subnets", 201, "subnet.json")
                .on("GET network/routers", "routers-empty.json").on("POST network/routers", 201, "router.json")
                .on("GET network/ports", "ports-empty.json")
                .on("PUT network/routers/" + OpenStackReplay.ROUTER + "/add_router_interface", "router-interface.json");
    }
}
