package io.plumbery.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static final Resources AGENT = ResourceSpec.parseResources("cpus:4;mem:4096;ports:[31000-31010]");

    private Allocator withAgents(int n) {
        Allocator a = new Allocator();
        for (int i = 0; i < n; i++) {
            a.addAgent("s" + i, AGENT, Map.of());
        }
        return a;
    }

    @Test
    void offersEachAgentsFreeResourcesOnce() {
        Allocator a = withAgents(2);
        a.addFramework("f1", "*", true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants).hasSize(2).allMatch(g -> g.frameworkId().equals("f1") && g.resources().equals(AGENT));
        assertThat(a.allocate(0)).isEmpty();
    }

    @Test
    void drfSpreadsAgentsAcrossFrameworks() {
        Allocator a = withAgents(4);
        a.addFramework("f1", "*", true);
        a.addFramework("f2", "*", true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants.stream().filter(g -> g.frameworkId().equals("f1")).count()).isEqualTo(2);
        assertThat(grants.stream().filter(g -> g.frameworkId().equals("f2")).count()).isEqualTo(2);
    }

    @Test
    void frameworkHoldingRunningTasksGetsLess() {
        Allocator a = new Allocator();
        a.addFramework("busy", "*", true);
        a.addAgent("s0", AGENT, Map.of("busy", ResourceSpec.parseResources("cpus:3;mem:3000")));
        a.addAgent("s1", AGENT, Map.of());
        a.addFramework("idle", "*", true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants.get(0).frameworkId()).isEqualTo("idle");
    }

    @Test
    void declineFilterHoldsUntilExpiryAndReviveClearsIt() {
        Allocator a = withAgents(1);
        a.addFramework("f1", "*", true);
        Allocator.Grant g = a.allocate(0).get(0);
        a.recover("f1", "s0", g.resources(), 5, 1_000);
        assertThat(a.allocate(2_000)).isEmpty();
        assertThat(a.allocate(6_001)).hasSize(1);
        a.recover("f1", "s0", g.resources(), 5, 7_000);
        a.revive("f1");
        assertThat(a.allocate(7_001)).hasSize(1);
    }

    @Test
    void filteredFrameworkLetsAnotherHaveTheAgent() {
        Allocator a = withAgents(1);
        a.addFramework("f1", "*", true);
        a.addFramework("f2", "*", true);
        Allocator.Grant first = a.allocate(0).get(0);
        a.recover(first.frameworkId(), "s0", first.resources(), 60, 0);
        Allocator.Grant second = a.allocate(1).get(0);
        assertThat(second.frameworkId()).isNotEqualTo(first.frameworkId());
    }

    @Test
    void suppressedAndInactiveFrameworksGetNothing() {
        Allocator a = withAgents(1);
        a.addFramework("f1", "*", true);
        a.suppress("f1", true);
        a.addFramework("f2", "*", false);
        assertThat(a.allocate(0)).isEmpty();
        a.activateFramework("f2", true);
        assertThat(a.allocate(0)).extracting(Allocator.Grant::frameworkId).containsExactly("f2");
    }

    @Test
    void rolesAreSortedBeforeTheirFrameworks() {
        Allocator a = new Allocator();
        a.addFramework("a1", "analytics", true);
        a.addFramework("a2", "analytics", true);
        a.addFramework("w1", "web", true);
        for (int i = 0; i < 4; i++) {
            a.addAgent("s" + i, AGENT, Map.of());
        }
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants.stream().filter(g -> g.role().equals("web")).count()).isEqualTo(2);
        assertThat(grants.stream().filter(g -> g.role().equals("analytics")).count()).isEqualTo(2);
    }

    @Test
    void removingAnAgentOrFrameworkReleasesResources() {
        Allocator a = withAgents(2);
        a.addFramework("f1", "*", true);
        a.allocate(0);
        a.removeAgent("s1");
        assertThat(a.allocatedTo("f1")).isEqualTo(AGENT.scalarsOnly());
        assertThat(a.total()).isEqualTo(AGENT.scalarsOnly());
        a.removeFramework("f1");
        assertThat(a.allocatedOn("s0").isEmpty()).isTrue();
    }
}
