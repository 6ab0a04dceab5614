package io.plumbery.engine;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Parameter;
import io.plumbery.fittings.model.Plan;
import io.plumbery.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node its provider cannot build is refused where the plan writes it, naming the key; what the provider would
 * build is in the node's line of {@code plan} (google-compute-engine says both before anything is made).
 */
class NodesPlanFitTest {

    @TempDir
    Path dir;

    static String plan(String node, String settings) {
        return """
                ---
                information: [one network on GCE]
                ---
                locationId: europe-west1
                provider: google-compute-engine
                %s
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: 10.77.3.0}
                      nodes:
                        - web[1..2]:
                            %s
                """.formatted(settings, node);
    }

    @Test
    void aNodeKeyTheProviderCannotHonourIsAnErrorWhereThePlanWritesTheNode() throws Exception {
        Plan plan = Plans.read(dir, plan("{appliance: Debian 12, cpu: 200, disks: [1 5 standard]}", ""));
        String at = dir.resolve("fittings.yaml") + ":11:11: error: node 'web1' of blueprint 'web': ";
        assertEquals(List.of(
                at + "cpu: provider google-compute-engine cannot build it: cpu 200 is more than the largest machine type "
                        + "plumbery chooses, n2-highmem-128 (128 vCPU, 864 GiB); give a smaller one, or providerSettings "
                        + "gce.machine-type",
                at + "appliance: provider google-compute-engine cannot build it: 'Debian 12' is image family debian-12 "
                        + "of debian-cloud, which runs no cloud-init on GCE, so the node's cloud-config (user-data: its "
                        + "login user and key, the plan's cloud-config) would not apply; use Ubuntu 22.04, Ubuntu 24.04, "
                        + "or providerSettings gce.image with an image that runs cloud-init",
                at + "disks: provider google-compute-engine cannot build it: 5 GB, a GCE persistent disk is 10 to 65536 "
                        + "GB"),
                errors(plan), "said once for the range web[1..2]");
    }

    @Test
    void theFacilitysOwnMachineTypeAndImageWin() throws Exception {
        Plan plan = Plans.read(dir, plan("{appliance: Debian 12, cpu: 200}",
                "providerSettings: {gce.machine-type: c3-standard-176, gce.image: projects/p/global/images/mine}"));
        assertEquals(List.of(), errors(plan));
        assertEquals("200 cpu, 2 GB, Debian 12 -> c3-standard-176, projects/p/global/images/mine", nodeLine(plan));
    }

    @Test
    void planShowsTheMachineTypeAndImageFamilyChosen() throws Exception {
        Plan plan = Plans.read(dir, plan("{cpu: 2, memory: 4}", ""));
        assertEquals(List.of(), errors(plan));
        assertEquals("2 cpu, 4 GB -> e2-medium (2 vCPU, 4 GiB), projects/ubuntu-os-cloud/global/images/family/"
                + "ubuntu-2204-lts", nodeLine(plan));
    }

    @Test
    void theExampleClusterOnGceIsPlannedWithSizesAndImagesOrRefusedWhereItsImageCannotServe() {
        Path example = Path.of("..", "examples", "mesos-3x9", "fittings.yaml");
        Plan debian = example(example, List.of());
        List<String> refused = errors(debian);
        assertEquals(2, refused.size(), "one error per node line (masters, agents): " + refused);
        assertTrue(refused.get(0).contains("appliance: provider google-compute-engine cannot build it: 'Debian 12'"),
                refused.get(0));

        Plan ubuntu = example(example, List.of(input("image", "Ubuntu 22.04")));
        assertEquals(List.of(), errors(ubuntu));
        List<String> nodes = Planner.deploy(ubuntu, State.empty(ubuntu.name()), Selection.DEFAULT).stream()
                .filter(p -> p.change().kind().equals("node")).map(p -> p.change().summary()).toList();
        assertEquals(6, nodes.size(), "3 masters, 3 agents");
        assertTrue(nodes.stream().allMatch(n -> n.contains(" -> e2-small (2 vCPU, 2 GiB), projects/ubuntu-os-cloud/"
                + "global/images/family/ubuntu-2204-lts")), nodes.toString());
    }

    private static Plan example(Path file, List<ParameterInput> more) {
        List<ParameterInput> inputs = new java.util.ArrayList<>(List.of(input("provider", "google-compute-engine"),
                input("locationId", "europe-west1"), input("agents", "3")));
        inputs.addAll(more);
        LoadResult loaded = FittingsLoader.load(file, inputs);
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        return loaded.plan().orElseThrow();
    }

    private static ParameterInput input(String name, String value) {
        return new ParameterInput(name, value, Parameter.Origin.COMMAND_LINE, null);
    }

    private static String nodeLine(Plan plan) {
        return Planner.deploy(plan, State.empty(plan.name()), Selection.DEFAULT).stream()
                .filter(p -> p.change().kind().equals("node")).findFirst().orElseThrow().change().summary();
    }

    private static List<String> errors(Plan plan) {
        return PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }
}
