package io.plumbery.fittings;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plan's and a facility's {@code defaults:}, merged under each blueprint's domain and ethernet as plumbery does. */
class DefaultsTest {

    static final Plan PLAN = GlueRulesTest.plan("defaults.yaml");

    static Blueprint blueprint(int facility, String name) {
        return PLAN.facilities().get(facility).blueprints().stream().filter(b -> b.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void aBlueprintWithoutDomainOrEthernetTakesThePlansDefaults() {
        Blueprint collector = blueprint(0, "collector");
        assertEquals("ProbeFox", collector.domain().name());
        assertEquals("auto", collector.domain().ipv4());
        assertEquals("probes", collector.ethernet().name());
        assertEquals("10.77.30.0/24", collector.ethernet().subnet().toString());
    }

    @Test
    void aBlueprintMayOnlyAddWhatItsNetworkAccepts() {
        Blueprint probes = blueprint(0, "probes");
        assertEquals("probes", probes.ethernet().name());
        assertEquals("10.77.30.0/24", probes.ethernet().subnet().toString());
        assertEquals(List.of("NA9::probes"), probes.ethernet().accept());
    }

    @Test
    void aFacilitysDefaultsGoOverThePlansKeyByKey() {
        Blueprint far = blueprint(1, "far-probes");
        assertEquals("ProbeFox", far.domain().name(), "the name from the plan");
        assertEquals("far away", far.domain().description(), "the description from the facility");
        assertEquals("probes", far.ethernet().name());
        assertEquals("10.77.31.0/24", far.ethernet().subnet().toString());
        assertEquals(List.of("EU6::probes"), far.ethernet().accept());
        Blueprint spare = blueprint(1, "spare");
        assertEquals("spare", spare.ethernet().name());
        assertEquals("10.77.32.0/24", spare.ethernet().subnet().toString());
    }

    @Test
    void theBlueprintsToWorkOnByDefaultAreTheFacilitysElseThePlans() {
        assertEquals(List.of(List.of("collector"), List.of("far-probes")),
                PLAN.facilities().stream().map(Facility::defaultBlueprints).toList());
    }
}
