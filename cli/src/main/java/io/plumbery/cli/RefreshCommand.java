package io.plumbery.cli;

import io.plumbery.engine.CompositeActions;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Disposes then deploys again: fresh nodes from the same plan.")
final class RefreshCommand extends ActionCommand {

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation on a terminal")
    boolean yes;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        if (refusedBySafeMode(plan, "refresh")) {
            return ExitCodes.USAGE;
        }
        if (!Confirmation.confirmed(yes, out(), "refresh destroys every node of plan " + plan.name()
                + " and builds it again. Continue?")) {
            err().println("refresh cancelled; nothing was touched.");
            return ExitCodes.FAILED;
        }
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("refresh", CompositeActions.refresh(s, selection, progress, parallel()), progress);
        }
    }
}
