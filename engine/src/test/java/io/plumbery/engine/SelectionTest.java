package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no blueprint named, an action works on the default ones: the facility's, else the plan's, else all. */
class SelectionTest {

    @TempDir
    Path dir;

    static final String DEFAULTS = """
            ---
            information: [a collector by default here, far probes by default there, everything in the third]
            defaults:
              blueprints: [collector]
            ---
            locationId: EU6
            provider: stub
            blueprints:
              - collector:
                  ethernet: {name: probes, subnet: 10.77.30.0}
                  nodes: [collector1]
              - probes:
                  ethernet: {name: probes}
                  nodes: [probe-eu1]
            ---
            locationId: NA9
            provider: stub
            defaults:
              blueprints: far
            blueprints:
              - far-probes:
                  ethernet: {name: probes, subnet: 10.77.31.0}
                  nodes: [probe-na1]
              - spare:
                  ethernet: {name: spare, subnet: 10.77.32.0}
                  nodes: [spare1]
              - far: far-probes
            ---
            locationId: AU9
            provider: stub
            defaults:
              blueprints: []
            blueprints:
              - web:
                  ethernet: {name: web, subnet: 10.77.33.0}
                  nodes: [web1]
            """;

    static List<String> selected(Plan plan, Selection selection) {
        return selection.blueprints(plan).stream().map(t -> t.facility().name() + "/" + t.blueprint().name()).toList();
    }

    @Test
    void noNameMeansTheDefaultBlueprintsOfEachFacility() throws Exception {
        Plan plan = Plans.read(dir, DEFAULTS);
        assertEquals(List.of("EU6/collector", "NA9/far-probes", "AU9/web"), selected(plan, Selection.DEFAULT),
                "the plan's default in EU6, NA9's own (a group), all of AU9, which has none");
        assertEquals(List.of("NA9/spare"), selected(plan, new Selection(Set.of("spare"))), "names win");
        assertEquals(List.of("EU6/collector", "EU6/probes", "NA9/far-probes", "NA9/spare", "AU9/web"),
                selected(plan, new Selection(Set.of("collector", "probes", "far-probes", "spare", "web"))));
        assertFalse(Selection.DEFAULT.all(plan));
    }

    @Test
    void whatThePlanNoLongerHasGoesOnlyWhenEverythingIsSelected() throws Exception {
        Plan plan = Plans.read(dir, DEFAULTS);
        State orphan = State.empty(plan.name()).withNode("node.gone1", new Placed<>("stub", "EU6",
                new NodeRecord("1", "gone1", "x", NodeStatus.RUNNING, null, null, null, Map.of())));
        assertTrue(Planner.deploy(plan, orphan, Selection.DEFAULT).stream()
                .noneMatch(p -> p.change().address().equals("node.gone1")), "default blueprints are not all of them");
        assertEquals(List.of(), Destroyer.targets(plan, orphan, Selection.DEFAULT));

        Plan plain = Plans.read(dir, DEFAULTS.replace("defaults:\n  blueprints: [collector]\n", "")
                .replace("defaults:\n  blueprints: far\n", ""));
        assertTrue(Selection.DEFAULT.all(plain));
        assertEquals(Action.DELETE, Planner.deploy(plain, orphan, Selection.DEFAULT).stream()
                .filter(p -> p.change().address().equals("node.gone1")).findFirst().orElseThrow().change().action());
        assertEquals(List.of("node.gone1"), Destroyer.targets(plain, orphan, Selection.DEFAULT));
    }
}
