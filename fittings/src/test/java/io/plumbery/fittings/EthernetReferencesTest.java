package io.plumbery.fittings;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Plan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ethernet by name only: a network that another blueprint declares, or that exists at the provider. */
class EthernetReferencesTest {

    static final Path PLAN = Path.of("src/test/resources/features/ethernet-references.yaml");

    static Ethernet ethernet(Plan plan, String blueprint) {
        return plan.blueprints().filter(b -> b.name().equals(blueprint)).findFirst().orElseThrow().ethernet();
    }

    @Test
    void aNameOnlyEthernetUsesTheNetworkOfThePlanThatHasThatName() {
        LoadResult result = FittingsLoader.load(PLAN, List.of());
        Plan plan = result.plan().orElseThrow();
        Ethernet api = ethernet(plan, "api");
        assertEquals(Ethernet.Kind.REFERENCE, api.kind());
        assertEquals("10.77.40.0/24", api.subnet().toString(), "the subnet 'web' declares");
        assertEquals(Ethernet.Kind.DECLARED, ethernet(plan, "web").kind());
        Ethernet mirror = ethernet(plan, "mirror");
        assertEquals(Ethernet.Kind.REFERENCE, mirror.kind());
        assertEquals("10.77.40.0/24", mirror.subnet().toString());
    }

    @Test
    void oneThePlanDeclaresNowhereExistsAtTheProviderAndMayBeAccepted() {
        LoadResult result = FittingsLoader.load(PLAN, List.of());
        Ethernet legacy = ethernet(result.plan().orElseThrow(), "legacy");
        assertEquals(Ethernet.Kind.EXISTING, legacy.kind());
        assertNull(legacy.subnet());
        assertEquals(List.of("front", "legacy-lan"), ethernet(result.plan().orElseThrow(), "back").accept());
        assertEquals(List.of(PLAN + ":14:5: warning: ethernet 'legacy-lan' has no subnet and no blueprint of "
                        + "facility EU6 declares it: it must already exist at the provider; give it a subnet to have "
                        + "the plan make it"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(result.ok(), "a warning does not stop the plan");
    }
}
