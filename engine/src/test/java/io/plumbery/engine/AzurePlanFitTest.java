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
 * Provider azure at plan time: what Azure cannot build is refused where the plan writes it, naming the key; the VM
 * size and image each node gets are in its line of {@code plan}; the example cluster fits as it is.
 */
class AzurePlanFitTest {

    @TempDir
    Path dir;

    private static String plan(String node, String settings) {
        return """
                ---
                information: [one network on Azure]
                ---
                locationId: westeurope
                provider: azure
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
    void aNodeKeyAzureCannotHonourIsAnErrorWhereThePlanWritesTheNode() throws Exception {
        Plan plan = Plans.read(dir, plan("{appliance: CentOS 7, cpu: 200, disks: [1 2 standard]}", ""));
        String at = dir.resolve("fittings.yaml") + ":11:11: error: node 'web1' of blueprint 'web': ";
        assertEquals(List.of(
                at + "cpu: provider azure cannot build it: cpu 200 is more than the largest VM size plumbery chooses, "
                        + "Standard_E96s_v5 (96 vCPU, 768 GiB); give a smaller one, or providerSettings azure.vm-size",
                at + "appliance: provider azure cannot build it: 'CentOS 7' has no image in the azure table (Debian 12, "
                        + "Debian 11, Ubuntu 22.04, Ubuntu 24.04); use one of them, or providerSettings azure.image "
                        + "PUBLISHER:OFFER:SKU:VERSION of an image that runs cloud-init",
                at + "disks: provider azure cannot build it: 2 GB, an Azure managed disk is 4 to 32767 GB"),
                errors(plan).stream().filter(e -> e.contains("web1")).toList());
    }

    @Test
    void planShowsTheVmSizeAndImageChosenOrTheFacilitysOwn() throws Exception {
        assertEquals("2 cpu, 4 GB, Debian 12 -> Standard_B2s (2 vCPU, 4 GiB), Debian:debian-12:12-gen2:latest",
                nodeLine(Plans.read(dir, plan("{appliance: Debian 12, cpu: 2, memory: 4}", ""))));
        Plan own = Plans.read(dir, plan("{cpu: 200}",
                "providerSettings: {azure.vm-size: Standard_HB176rs_v4, azure.image: 'Me:mine:1:latest'}"));
        assertEquals(List.of(), errors(own));
        assertEquals("200 cpu, 2 GB -> Standard_HB176rs_v4, Me:mine:1:latest", nodeLine(own));
    }

    @Test
    void theExampleClusterFitsOnAzureWithSizesAndImagesShown() {
        List<ParameterInput> inputs = List.of(input("provider", "azure"), input("locationId", "westeurope"));
        LoadResult loaded = FittingsLoader.load(Path.of("..", "examples", "mesos-3x9", "fittings.yaml"), inputs);
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        Plan plan = loaded.plan().orElseThrow();
        assertEquals(List.of(), errors(plan));
        List<String> nodes = Planner.deploy(plan, State.empty(plan.name()), Selection.DEFAULT).stream()
                .filter(p -> p.change().kind().equals("node")).map(p -> p.change().summary()).toList();
        assertEquals(12, nodes.size(), "3 masters, 9 agents");
        assertTrue(nodes.stream().allMatch(n -> n.endsWith(" -> Standard_B2s (2 vCPU, 4 GiB), "
                + "Debian:debian-12:12-gen2:latest")), nodes.toString());
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
