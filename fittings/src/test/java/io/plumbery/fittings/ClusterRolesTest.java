package io.plumbery.fittings;

import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.ClusterSettings;
import io.plumbery.fittings.model.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The global document's {@code cluster:} section: roles with their weights and quota. */
class ClusterRolesTest {

    @Test
    void rolesAreReadWithMesossDefaults() {
        Plan plan = GlueRulesTest.plan("cluster-roles.yaml");
        assertEquals(List.of(
                        new ClusterRole("analytics", 2, Map.of("cpus", 2.0, "mem", 1024.0),
                                Map.of("cpus", 4.0, "mem", 4096.0)),
                        new ClusterRole("batch", 0.5, Map.of(), Map.of()),
                        new ClusterRole("web", 1, Map.of(), Map.of("cpus", 1.5, "disk", 2048.0)),
                        new ClusterRole("eng/reports", 3, Map.of(), Map.of())),
                plan.cluster().roles().stream().map(ClusterRolesTest::placeless).toList());
        assertTrue(plan.cluster().role("web").orElseThrow().hasQuota());
        assertEquals("cluster-roles.yaml:6:13", where(plan.cluster().role("analytics").orElseThrow()));
    }

    @Test
    void aPlanWithoutTheSectionSetsNothing() {
        assertEquals(ClusterSettings.NONE, GlueRulesTest.plan("glue-rules.yaml").cluster());
    }

    private static String where(ClusterRole r) {
        return r.where().file().getFileName() + ":" + r.where().line() + ":" + r.where().column();
    }

    private static ClusterRole placeless(ClusterRole r) {
        return new ClusterRole(r.name(), r.weight(), r.guarantee(), r.limit());
    }
}
