package io.plumbery.cli;

import io.plumbery.engine.Selection;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What every action on blueprints does first: read the plan (see {@link PlanCommandBase}), check the selected
 * blueprints, then hand over to the action.
 */
abstract class ActionCommand extends PlanCommandBase {

    @Parameters(paramLabel = "BLUEPRINT", arity = "0..*",
            description = "work on these blueprints only (a group name selects its members); default: the plan's "
                    + "'defaults: blueprints:' (a facility's own first), else all")
    List<String> blueprints = new ArrayList<>();

    @Override
    public final Integer call() throws Exception {
        Plan plan = loadPlan();
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        Selection selection = new Selection(new LinkedHashSet<>(blueprints));
        List<String> unknown = selection.unknown(plan);
        if (!unknown.isEmpty()) {
            err().println("error: no blueprint named " + String.join(", ", unknown) + " in " + root.fittings
                    + "; blueprints: " + String.join(", ", plan.blueprints().map(b -> b.name()).distinct().toList()));
            return ExitCodes.USAGE;
        }
        return run(plan, selection);
    }

    abstract int run(Plan plan, Selection selection) throws Exception;
}
