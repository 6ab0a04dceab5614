package io.plumbery.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaAndWeightAllocationTest {
    private static final Resources AGENT = ResourceSpec.parseResources("cpus:4;mem:4096;ports:[31000-31010]");

    private static Allocator withAgents(Allocator a, int n) {
        for (int i = 0; i < n; i++) {
            a.addAgent("s" + i, AGENT, Map.of());
        }
        return a;
    }

    private static long count(List<Allocator.Grant> grants, String framework) {
        return grants.stream().filter(g -> g.frameworkId().equals(framework)).count();
    }

    @ParameterizedTest
    @CsvSource({"3, 3, 1", "1, 2, 2"})
    void aRolesWeightMultipliesItsShareOfTheAgents(double weight, long heavy, long light) {
        Allocator a = withAgents(new Allocator(), 4);
        a.weights().update(Json.parse("[{\"role\":\"heavy\",\"weight\":" + weight + "}]"));
        a.addFramework("f-heavy", "heavy", true);
        a.addFramework("f-light", "light", true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(count(grants, "f-heavy")).isEqualTo(heavy);
        assertThat(count(grants, "f-light")).isEqualTo(light);
    }

    @Test
    void aGuaranteeIsSetAsideForItsRoleEvenBeforeItsFrameworksCome() {
        Allocator a = withAgents(new Allocator(), 4);
        a.quotas().update(List.of(new Quotas.Config("prod", Map.of("cpus", 8.0), Map.of())));
        a.addFramework("f-dev", "dev", true);
        List<Allocator.Grant> first = a.allocate(0);
        assertThat(count(first, "f-dev")).isEqualTo(2);

        a.addFramework("f-prod", "prod", true);
        List<Allocator.Grant> second = a.allocate(0);
        assertThat(count(second, "f-prod")).isEqualTo(2);
        assertThat(a.allocatedToRole("prod").scalar("cpus")).isEqualTo(8.0);
    }

    @Test
    void aRoleBelowItsGuaranteeIsServedFirst() {
        Allocator a = withAgents(new Allocator(), 1);
        a.quotas().update(List.of(new Quotas.Config("prod", Map.of("cpus", 2.0), Map.of())));
        a.addFramework("a-dev", "a-dev", true);
        a.addFramework("f-prod", "prod", true);
        assertThat(a.allocate(0)).singleElement().satisfies(g -> assertThat(g.frameworkId()).isEqualTo("f-prod"));
    }

    @Test
    void aLimitCapsTheRoleAndLeavesTheRestOfTheAgentToOthers() {
        Allocator a = withAgents(new Allocator(), 2);
        a.quotas().update(List.of(new Quotas.Config("capped", Map.of(), Map.of("cpus", 3.0))));
        a.addFramework("f-capped", "capped", true);
        a.addFramework("f-other", "other", true);
        List<Allocator.Grant> grants = a.allocate(0);
        assertThat(grants.stream().filter(g -> g.frameworkId().equals("f-capped"))
                .mapToDouble(g -> g.resources().scalar("cpus")).sum()).isEqualTo(3.0);
        assertThat(grants.stream().filter(g -> g.frameworkId().equals("f-other"))
                .mapToDouble(g -> g.resources().scalar("cpus")).sum()).isEqualTo(5.0);
        assertThat(a.allocate(0)).isEmpty();
    }

    @Test
    void deactivatedAgentsAreNotOffered() {
        Allocator a = withAgents(new Allocator(), 2);
        a.activateAgent("s0", false);
        a.addFramework("f", "*", true);
        assertThat(a.allocate(0)).singleElement().satisfies(g -> assertThat(g.agentId()).isEqualTo("s1"));
        a.activateAgent("s0", true);
        assertThat(a.allocate(0)).singleElement().satisfies(g -> assertThat(g.agentId()).isEqualTo("s0"));
    }

    @Test
    void quotaChecksAndSnapshots() {
        Quotas q = new Quotas();
        Resources cluster = ResourceSpec.parseResources("cpus:8;mem:8192");
        Function<String, Resources> nothing = role -> Resources.EMPTY;
        assertThat(q.check(List.of(new Quotas.Config("r", Map.of("cpus", 2.0), Map.of("cpus", 1.0))), cluster, nothing,
                false)).contains("Invalid QuotaConfig: 'QuotaConfig.guarantees' cpus:2 is not contained within the"
                + " 'QuotaConfig.limits' cpus:1");
        assertThat(q.check(List.of(new Quotas.Config("r", Map.of("cpus", 9.0), Map.of())), cluster, nothing, false))
                .contains("Invalid QuotaConfig: total quota guarantees 'cpus:9' exceed cluster capacity 'cpus:8;"
                        + " mem:8192' (use 'force' flag to bypass this check)");
        assertThat(q.check(List.of(new Quotas.Config("r", Map.of("cpus", 9.0), Map.of())), cluster, nothing, true))
                .isEmpty();
        assertThat(q.check(List.of(new Quotas.Config("r", Map.of(), Map.of("cpus", 1.0))), cluster,
                role -> Resources.scalars(Map.of("cpus", 2.0)), false)).contains("Invalid QuotaConfig: Role 'r' is"
                + " already consuming 'cpus:2'; this is more than the requested limits 'cpus:1' (use 'force' flag to"
                + " bypass this check)");
        assertThat(q.check(List.of(new Quotas.Config("a/b", Map.of(), Map.of())), cluster, nothing, true))
                .contains("Updating quota on nested role 'a/b' is not supported yet");
        assertThat(q.check(List.of(new Quotas.Config("-x", Map.of(), Map.of())), cluster, nothing, true))
                .contains("Invalid QuotaConfig: Invalid 'QuotaConfig.role': Role component '-x' is invalid because"
                        + " it starts with a dash");
        q.update(List.of(new Quotas.Config("r", Map.of("cpus", 2.0), Map.of("cpus", 4.0))));
        Quotas back = Quotas.restore(Json.parse(q.snapshot().toString()));
        assertThat(back.configs()).isEqualTo(q.configs());
        back.update(List.of(new Quotas.Config("r", Map.of(), Map.of())));
        assertThat(back.has("r")).isFalse();
    }

    @Test
    void weightChecksAndSnapshots() {
        assertThat(Weights.check(Json.parse("[{\"role\":\"r\",\"weight\":0}]"))).contains("Failed to validate"
                + " update weights request JSON for role 'r': Invalid weight '0': Weights must be positive");
        assertThat(Weights.check(Json.parse("[{\"role\":\"a b\",\"weight\":1}]"))).isPresent();
        Weights w = new Weights();
        w.update(Json.parse("[{\"role\":\"r\",\"weight\":2.5}]"));
        assertThat(Weights.restore(Json.parse(w.snapshot().toString())).of("r")).isEqualTo(2.5);
        assertThat(w.of("other")).isEqualTo(1.0);
    }
}
