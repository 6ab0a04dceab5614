package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.mesos.OfferResources;
import io.plumbery.runtime.marathon.mesos.TaskInfos;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.marathon.model.Violation;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Apps' Mesos roles as Marathon 1.9 has them: role, its default, acceptedResourceRoles, and offers by role. */
class RolesTest {
    private static final RolePolicy POLICY = RolePolicy.of("*", List.of());

    @Test
    void anAppRunsInMesosRoleUnlessItNamesItsTopLevelGroupOrTheRoleItHad() throws Exception {
        AppDefinition plain = AppModelTest.parse("{\"id\":\"/web\",\"cmd\":\"x\"}");
        assertThat(POLICY.roleOf(plain, null)).isEqualTo("*");
        AppDefinition etl = AppModelTest.parse("{\"id\":\"/analytics/etl\",\"cmd\":\"x\",\"role\":\"analytics\"}");
        assertThat(POLICY.violations(etl, null, "")).isEmpty();
        assertThat(POLICY.validRoles(etl, null)).containsExactly("*", "analytics");

        AppDefinition elsewhere = AppModelTest.parse("{\"id\":\"/web\",\"cmd\":\"x\",\"role\":\"analytics\"}");
        assertThat(POLICY.violations(elsewhere, null, "")).containsExactly(Violation.of("/role",
                "got analytics, expected one of: [*] (Marathon's --mesos_role and the app's top-level group)"));
        assertThat(POLICY.violations(elsewhere, elsewhere, "")).isEmpty();
        assertThat(POLICY.roleOf(plain.withRole(null), elsewhere)).isEqualTo("analytics");
    }

    @Test
    void acceptedResourceRolesNameOnlyUnreservedAndTheAppsRole() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"/analytics/etl\",\"cmd\":\"x\",\"role\":\"analytics\","
                + "\"acceptedResourceRoles\":[\"analytics\",\"ops\"]}");
        assertThat(POLICY.violations(app, null, "/apps(0)")).containsExactly(Violation.of("/apps(0)/acceptedResourceRoles",
                "acceptedResourceRoles can only contain * and analytics"));
        AppDefinition none = AppModelTest.parse("{\"id\":\"/analytics/etl\",\"cmd\":\"x\",\"role\":\"analytics\"}");
        assertThat(POLICY.acceptedRoles(none)).containsExactlyInAnyOrder("*", "analytics");
        assertThat(RolePolicy.of("*", List.of("*")).acceptedRoles(none)).containsExactly("*");
        assertThatThrownBy(() -> RolePolicy.of("marathon", List.of("*", "ops")))
                .hasMessageContaining("roles for which Marathon will not receive offers: ops");
    }

    @Test
    void theFrameworkSubscribesWithMesosRoleAndItsAppsRoles() throws Exception {
        AppDefinition a = AppModelTest.parse("{\"id\":\"/b/x\",\"cmd\":\"x\",\"role\":\"b\"}");
        AppDefinition old = AppModelTest.parse("{\"id\":\"/y\",\"cmd\":\"x\"}"); // stored before apps had roles
        assertThat(RolePolicy.of("marathon", List.of()).frameworkRoles(List.of(a, old))).containsExactly("b", "marathon");
    }

    @Test
    void flagsAreMarathons() {
        MarathonCommand cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050");
        assertThat(cmd.mesosRole).isEqualTo("*");
        cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050", "--mesos_role", "marathon",
                "--default_accepted_resource_roles", "*,marathon");
        assertThat(RolePolicy.of(cmd.mesosRole, cmd.defaultAcceptedResourceRoles))
                .isEqualTo(new RolePolicy("marathon", List.of("*", "marathon")));
    }

    /** An offer of 2 unreserved cpus and 1 cpu reserved for analytics, allocated to analytics. */
    private static JsonNode offer() throws Exception {
        return Json.MAPPER.readTree("""
                {"id":{"value":"o1"},"agent_id":{"value":"a1"},"hostname":"h1","resources":[
                 {"name":"cpus","type":"SCALAR","scalar":{"value":2},"allocation_info":{"role":"analytics"}},
                 {"name":"mem","type":"SCALAR","scalar":{"value":512},"allocation_info":{"role":"analytics"}},
                 {"name":"cpus","type":"SCALAR","scalar":{"value":1},"allocation_info":{"role":"analytics"},
                  "reservations":[{"type":"STATIC","role":"analytics"}]},
                 {"name":"mem","type":"SCALAR","scalar":{"value":256},"allocation_info":{"role":"analytics"},
                  "reservations":[{"type":"STATIC","role":"analytics"}]}]}""");
    }

    @Test
    void anAppTakesOnlyTheResourcesOfTheRolesItAcceptsReservedOnesFirst() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"/analytics/etl\",\"cmd\":\"x\",\"role\":\"analytics\","
                + "\"cpus\":2,\"mem\":300,\"portDefinitions\":[]}");
        OfferResources reservedOnly = new OfferResources(offer());
        assertThat(reservedOnly.allocationRole()).isEqualTo("analytics");
        assertThat(reservedOnly.misfit(app, Set.of("analytics"))).hasValue("InsufficientCpus");
        assertThat(reservedOnly.misfit(app, Set.of("ops"))).hasValue("UnfulfilledRole");

        OfferResources both = new OfferResources(offer());
        OfferResources.Taken taken = both.take(app, Set.of("*", "analytics"));
        assertThat(taken.portions()).extracting(OfferResources.Portion::role).containsExactly("analytics", "*");
        ObjectNode task = TaskInfos.build(app, "t1", both, taken);
        assertThat(task.path("resources").toString()).contains("\"reservations\":[{\"type\":\"STATIC\",\"role\":\"analytics\"}]")
                .contains("\"allocation_info\":{\"role\":\"analytics\"}");
        assertThat(both.misfit(app, Set.of("*", "analytics"))).hasValue("InsufficientCpus");
    }
}
