package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Parameter;
import io.plumbery.fittings.model.Plan;
import io.plumbery.state.State;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code examples/mesos-3x9} planned on provider openstack: what each node gets, or where the plan is refused. */
class OpenStackPlanFitTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "mesos-3x9", "fittings.yaml");

    @Test
    void theExampleClusterIsPlannedWithTheFlavorRuleAndImageNames() {
        Plan plan = example("Debian 12");
        assertEquals(List.of(), errors(plan));
        List<String> nodes = Planner.deploy(plan, State.empty(plan.name()), Selection.DEFAULT).stream()
                .filter(p -> p.change().kind().equals("node")).map(p -> p.change().summary()).toList();
        assertEquals(6, nodes.size(), "3 masters, 3 agents");
        assertTrue(nodes.stream().allMatch(n -> n.contains(" -> the smallest flavor with 2 vCPU and 2048 MiB, the "
                + "newest image named debian-12*, Debian 12*")), nodes.toString());
    }

    @Test
    void anApplianceOutsideTheTableIsRefusedWhereThePlanWritesTheNodes() {
        List<String> refused = errors(example("Windows 11"));
        assertEquals(2, refused.size(), "one error per node line (masters, agents): " + refused);
        assertTrue(refused.get(0).contains("appliance: provider openstack cannot build it: 'Windows 11' has no image in "
                + "the openstack table"), refused.get(0));
    }

    private static Plan example(String image) {
        List<ParameterInput> inputs = List.of(input("provider", "openstack"), input("locationId", "RegionOne"),
                input("agents", "3"), input("image", image));
        LoadResult loaded = FittingsLoader.load(EXAMPLE, inputs);
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        return loaded.plan().orElseThrow();
    }

    private static ParameterInput input(String name, String value) {
        return new ParameterInput(name, value, Parameter.Origin.COMMAND_LINE, null);
    }

    private static List<String> errors(Plan plan) {
        return PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }
}
