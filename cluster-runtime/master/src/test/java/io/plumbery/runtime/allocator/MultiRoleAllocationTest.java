package io.plumbery.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A framework subscribed to several roles (MULTI_ROLE, as Marathon 1.9) takes part in each role's DRF share. */
class MultiRoleAllocationTest {
    private static final Resources AGENT = ResourceSpec.parseResources("cpus:4;mem:4096");

    private static Allocator withAgents(int n) {
        Allocator a = new Allocator();
        for (int i = 0; i < n; i++) {
            a.addAgent("s" + i, AGENT, Map.of());
        }
        return a;
    }

    private static long inRole(List<Allocator.Grant> grants, String role) {
        return grants.stream().filter(g -> g.role().equals(role)).count();
    }

    @Test
    void oneFrameworkInTwoRolesGetsEachRolesWeightedShare() {
        Allocator a = withAgents(6);
        a.weights().update(Json.parse("[{\"role\":\"heavy\",\"weight\":2}]"));
        a.addFramework("marathon", List.of("heavy", "light"), true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(inRole(grants, "heavy")).isEqualTo(4);
        assertThat(inRole(grants, "light")).isEqualTo(2);
        assertThat(a.allocatedToRole("heavy").scalar("cpus")).isEqualTo(16.0);
        assertThat(a.allocatedTo("marathon").scalar("cpus")).isEqualTo(24.0);
    }

    @Test
    void whatIsRecoveredInARoleLeavesThatRoleAndUpdatedRolesAreOfferedNext() {
        Allocator a = withAgents(2);
        a.addFramework("marathon", List.of("a", "b"), true);
        List<Allocator.Grant> grants = a.allocate(0);
        Allocator.Grant inA = grants.stream().filter(g -> g.role().equals("a")).findFirst().orElseThrow();
        a.recover("marathon", inA.agentId(), "a", inA.resources(), 0, 0);
        assertThat(a.allocatedToRole("a").scalar("cpus")).isZero();
        assertThat(a.allocatedToRole("b").scalar("cpus")).isEqualTo(4.0);

        a.updateRoles("marathon", List.of("c"));
        List<Allocator.Grant> next = a.allocate(0);
        assertThat(next).extracting(Allocator.Grant::role).containsExactly("c");
        a.removeFramework("marathon");
        assertThat(a.allocatedToRole("b").scalar("cpus")).isZero();
        assertThat(a.allocatedToRole("c").scalar("cpus")).isZero();
    }

    @Test
    void aSuppressedOrDeclinedRoleLeavesTheAgentToTheFrameworksOtherRoles() {
        Allocator a = withAgents(1);
        a.addFramework("marathon", List.of("*", "analytics"), true);
        a.suppress("marathon", List.of("*"), true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants).extracting(Allocator.Grant::role).containsExactly("analytics");
        a.recover("marathon", "s0", "analytics", grants.get(0).resources(), 5, 0);
        assertThat(a.allocate(0)).isEmpty();
        a.suppress("marathon", List.of("*"), false);
        assertThat(a.allocate(0)).extracting(Allocator.Grant::role).containsExactly("*");
    }
}
