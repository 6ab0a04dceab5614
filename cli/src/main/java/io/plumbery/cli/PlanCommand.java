package io.plumbery.cli;

import io.plumbery.engine.Action;
import io.plumbery.engine.Change;
import io.plumbery.engine.Planned;
import io.plumbery.engine.Planner;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Workspace;
import io.plumbery.cli.view.Json;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;
import io.plumbery.state.State;
import io.plumbery.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what deploy would create (+), update (~), replace (-/+), delete (-), and what it would"
                + " leave alone.",
                "A node is replaced when the plan asks for other cpu, memory, image or disks than it was built with.",
                "A dry run: nothing is touched, not even the state's lock."})
final class PlanCommand extends ActionCommand {

    @Option(names = "--json", description = "print the changes as one JSON document")
    boolean json;

    record JsonPlan(String plan, String file, List<Change> changes, Map<String, Integer> summary) {
    }

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        State state = StateStore.peek(Workspace.of(plan, root.stateDir).stateFile(), plan.name());
        List<Planned> planned = Planner.deploy(plan, state, selection);
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, 0);
        }
        planned.forEach(p -> counts.merge(p.change().action(), 1, Integer::sum));
        if (json) {
            Map<String, Integer> summary = new LinkedHashMap<>();
            counts.forEach((a, n) -> summary.put(a.name().toLowerCase(java.util.Locale.ROOT), n));
            out().println(Json.write(new JsonPlan(plan.name(), String.valueOf(plan.source()),
                    planned.stream().map(Planned::change).toList(), summary)));
            return ExitCodes.OK;
        }
        out().println("Plan " + plan.name() + " (" + plan.source() + ")");
        Facility current = null;
        int width = planned.stream().mapToInt(p -> p.change().address().length()).max().orElse(10);
        for (Planned p : planned) {
            Facility f = p.target().facility();
            if (f != null && f != current) {
                current = f;
                out().println();
                out().println("facility " + f.name() + " (provider " + f.provider() + ")");
            }
            Change c = p.change();
            out().printf("  %s %-" + width + "s  %s%s%n", c.action().symbol(), c.address(), c.summary(),
                    c.reason() == null ? "" : "  [" + c.reason() + "]");
        }
        out().println();
        out().printf("Plan: %d to create, %d to update, %d to replace, %d to delete, %d unchanged.%n",
                counts.get(Action.CREATE), counts.get(Action.UPDATE), counts.get(Action.REPLACE),
                counts.get(Action.DELETE), counts.get(Action.NO_OP));
        return ExitCodes.OK;
    }
}
