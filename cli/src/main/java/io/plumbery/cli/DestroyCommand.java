package io.plumbery.cli;

import io.plumbery.engine.CompositeActions;
import io.plumbery.engine.Destroyer;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Destroys what the state records for the plan, public addresses and nodes first, networks last.",
                "Networks whose ethernet says 'destroy: never' are kept. Use 'dispose' to stop nodes cleanly first."})
final class DestroyCommand extends ActionCommand {

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation on a terminal")
    boolean yes;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        return destroy(this, plan, selection, yes, false);
    }

    /** Shared by destroy and dispose: the latter stops nodes before destroying them. */
    static int destroy(ActionCommand command, Plan plan, Selection selection, boolean yes, boolean stopFirst)
            throws Exception {
        String action = stopFirst ? "dispose" : "destroy";
        if (command.refusedBySafeMode(plan, action)) {
            return ExitCodes.USAGE;
        }
        ConsoleProgress progress = command.progress();
        try (Session s = command.session(plan)) {
            List<String> targets = Destroyer.targets(plan, s.store().current(), selection);
            if (targets.isEmpty()) {
                command.out().println("Nothing to " + action + ": the state of plan " + plan.name() + " records "
                        + (s.store().current().isEmpty() ? "nothing." : "nothing of the selected blueprints."));
                return ExitCodes.OK;
            }
            if (!Confirmation.confirmed(yes, command.out(), action + " will destroy " + targets.size()
                    + " resource(s) of plan " + plan.name() + ". Continue?")) {
                command.err().println(action + " cancelled; nothing was touched.");
                return ExitCodes.FAILED;
            }
            return command.report(action, stopFirst
                    ? CompositeActions.dispose(s, selection, progress, command.parallel())
                    : Steps.destroy(s, selection, progress, command.parallel()), progress);
        }
    }
}
