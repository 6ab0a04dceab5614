package io.plumbery.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.engine.Action;
import io.plumbery.engine.Change;
import io.plumbery.engine.PlanPreview;
import io.plumbery.engine.Planned;
import io.plumbery.engine.Target;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanViewTest {

    @TempDir
    Path dir;

    Plan plan;
    Facility eu6;
    Facility eu7;

    @BeforeEach
    void twoFacilities() throws Exception {
        Path file = Files.createDirectories(dir.resolve("small")).resolve("fittings.yaml");
        Files.writeString(file, """
                ---
                information: [a small plan]
                ---
                locationId: EU6
                blueprints:
                  - web:
                      ethernet: {name: web, subnet: 10.77.1.0}
                      nodes:
                        - web1:
                            glue: [internet 22]
                ---
                locationId: EU7
                provider: stub
                blueprints:
                  - batch:
                      ethernet: {name: batch, subnet: 10.78.1.0}
                      nodes:
                        - batch1:
                """);
        LoadResult loaded = FittingsLoader.load(file, List.of());
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        plan = loaded.plan().orElseThrow();
        eu6 = plan.facilities().get(0);
        eu7 = plan.facilities().get(1);
    }

    private static String render(View view, boolean json) {
        StringWriter text = new StringWriter();
        view.render(new PrintWriter(text, true), json);
        return text.toString();
    }

    private Planned network() {
        return new Planned(new Change("network.EU6.web", "network", Action.CREATE, "10.77.1.0/24 (web)", null),
                new Target.Network(eu6, eu6.blueprints().get(0)));
    }

    private Planned replacedNode() {
        Blueprint web = eu6.blueprints().get(0);
        return new Planned(new Change("node.web1", "node", Action.REPLACE, "2 cpu, 4 GB, Debian 12",
                "must be replaced: cpu 1 -> 2"), new Target.Machine(eu6, web, web.nodes().get(0)));
    }

    @Test
    void eachChangeIsOneAlignedLineUnderItsFacilityThenTheCounts() {
        Blueprint web = eu6.blueprints().get(0);
        Blueprint batch = eu7.blueprints().get(0);
        PlanPreview preview = new PlanPreview(plan, List.of(network(), replacedNode(),
                new Planned(new Change("public.web1", "public-address", Action.NO_OP, "ports 22", null),
                        new Target.PublicAddress(eu6, web, web.nodes().get(0))),
                new Planned(new Change("firewall.EU6.web", "firewall", Action.UPDATE, "1 inbound rule(s)",
                        "rules follow the replaced node(s)"), new Target.Firewall(eu6, web)),
                new Planned(new Change("node.batch1", "node", Action.CREATE, "2 cpu, 2 GB, Debian 12", null),
                        new Target.Machine(eu7, batch, batch.nodes().get(0))),
                new Planned(new Change("node.old1", "node", Action.DELETE, "no longer in the plan", null),
                        new Target.Orphan(null, "node.old1"))));
        assertEquals("Plan small (" + plan.source() + ")\n" + """

                facility EU6 (provider local)
                  + network.EU6.web   10.77.1.0/24 (web)
                  -/+ node.web1         2 cpu, 4 GB, Debian 12  [must be replaced: cpu 1 -> 2]
                    public.web1       ports 22
                  ~ firewall.EU6.web  1 inbound rule(s)  [rules follow the replaced node(s)]

                facility EU7 (provider stub)
                  + node.batch1       2 cpu, 2 GB, Debian 12
                  - node.old1         no longer in the plan

                Plan: 2 to create, 1 to update, 1 to replace, 1 to delete, 1 unchanged.
                """, render(new PlanView(preview), false));
    }

    @Test
    void nothingToDoIsStillAPlan() {
        assertEquals("Plan small (" + plan.source() + ")\n\n"
                        + "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.\n",
                render(new PlanView(new PlanPreview(plan, List.of())), false));
    }

    @Test
    void jsonListsTheChangesAndCountsEveryAction() {
        PlanPreview preview = new PlanPreview(plan, List.of(network(), replacedNode()));
        assertEquals("""
                {
                  "plan" : "small",
                  "file" : "%s",
                  "changes" : [ {
                    "address" : "network.EU6.web",
                    "kind" : "network",
                    "action" : "CREATE",
                    "summary" : "10.77.1.0/24 (web)"
                  }, {
                    "address" : "node.web1",
                    "kind" : "node",
                    "action" : "REPLACE",
                    "summary" : "2 cpu, 4 GB, Debian 12",
                    "reason" : "must be replaced: cpu 1 -> 2"
                  } ],
                  "summary" : {
                    "create" : 1,
                    "update" : 0,
                    "replace" : 1,
                    "delete" : 0,
                    "no_op" : 0
                  }
                }
                """.formatted(plan.source()), render(new PlanView(preview), true));
    }
}
