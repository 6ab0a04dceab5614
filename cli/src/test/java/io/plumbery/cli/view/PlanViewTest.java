package io.plumbery.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.engine.Action;
import io.plumbery.engine.Change;
import io.plumbery.engine.PlanPreview;
import io.plumbery.engine.Planned;
import io.plumbery.engine.Target;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.Cpu;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text and JSON of {@code plan}, for a small plan of two facilities built by hand. */
class PlanViewTest {

    private final Node web1 = node("web1", "web");
    private final Node batch1 = node("batch1", "batch");
    private final Blueprint web = new Blueprint("web", null, null, List.of(web1), List.of());
    private final Blueprint batch = new Blueprint("batch", null, null, List.of(batch1), List.of());
    private final Facility eu6 = new Facility(0, "EU6", "local", Map.of(), List.of(web), List.of());
    private final Facility eu7 = new Facility(1, "EU7", "stub", Map.of(), List.of(batch), List.of());
    private final Plan plan = new Plan(Path.of("small/fittings.yaml"), "small", List.of(), Map.of(), Map.of(), false,
            List.of(eu6, eu7));

    private static Node node(String name, String blueprint) {
        return new Node(name, blueprint, null, "Debian 12", Cpu.DEFAULT, 2, List.of(), List.of(), null, List.of(), null,
                List.of(), false, Map.of());
    }

    private static String render(View view, boolean json) {
        StringWriter text = new StringWriter();
        view.render(new PrintWriter(text, true), json);
        return text.toString();
    }

    private Planned network() {
        return new Planned(new Change("network.EU6.web", "network", Action.CREATE, "10.77.1.0/24 (web)", null),
                new Target.Network(eu6, web));
    }

    private Planned replacedNode() {
        return new Planned(new Change("node.web1", "node", Action.REPLACE, "2 cpu, 4 GB, Debian 12",
                "must be replaced: cpu 1 -> 2"), new Target.Machine(eu6, web, web1));
    }

    @Test
    void eachChangeIsOneAlignedLineUnderItsFacilityThenTheCounts() {
        PlanPreview preview = new PlanPreview(plan, List.of(network(), replacedNode(),
                new Planned(new Change("public.web1", "public-address", Action.NO_OP, "ports 22", null),
                        new Target.PublicAddress(eu6, web, web1)),
                new Planned(new Change("firewall.EU6.web", "firewall", Action.UPDATE, "1 inbound rule(s)",
                        "rules follow the replaced node(s)"), new Target.Firewall(eu6, web)),
                new Planned(new Change("node.batch1", "node", Action.CREATE, "2 cpu, 2 GB, Debian 12", null),
                        new Target.Machine(eu7, batch, batch1)),
                new Planned(new Change("node.old1", "node", Action.DELETE, "no longer in the plan", null),
                        new Target.Orphan(null, "node.old1"))));
        assertEquals("""
                Plan small (small/fittings.yaml)

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
    void theClusterRolesAreTheirOwnStepAfterTheResources() {
        PlanPreview preview = new PlanPreview(plan, List.of(network(),
                new Planned(new Change("role.analytics", "role", Action.CREATE, "weight 2, no quota", null),
                        new Target.Role(null, new ClusterRole("analytics", 2, Map.of(), Map.of()))),
                new Planned(new Change("role.ops", "role", Action.DELETE, "weight 3, no quota",
                        "no longer in the plan: back to weight 1, no quota"),
                        new Target.Role(null, new ClusterRole("ops", 1, Map.of(), Map.of())))));
        assertEquals("""
                Plan small (small/fittings.yaml)

                facility EU6 (provider local)
                  + network.EU6.web  10.77.1.0/24 (web)

                cluster roles (set through the leading master once the cluster is up)
                  + role.analytics   weight 2, no quota
                  - role.ops         weight 3, no quota  [no longer in the plan: back to weight 1, no quota]

                Plan: 2 to create, 0 to update, 0 to replace, 1 to delete, 0 unchanged.
                """, render(new PlanView(preview), false));
    }

    @Test
    void nothingToDoIsStillAPlan() {
        assertEquals("Plan small (small/fittings.yaml)\n\n"
                        + "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.\n",
                render(new PlanView(new PlanPreview(plan, List.of())), false));
    }

    @Test
    void jsonListsTheChangesAndCountsEveryAction() {
        PlanPreview preview = new PlanPreview(plan, List.of(network(), replacedNode()));
        assertEquals("""
                {
                  "plan" : "small",
                  "file" : "small/fittings.yaml",
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
                """, render(new PlanView(preview), true));
    }
}
