package io.plumbery.cli;

import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the running nodes of the plan cleanly; their disks stay. 'start' boots them again.")
final class StopCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        if (refusedBySafeMode(plan, "stop")) {
            return ExitCodes.USAGE;
        }
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("stop", Steps.stop(s, selection, progress, parallel()), progress);
        }
    }
}
