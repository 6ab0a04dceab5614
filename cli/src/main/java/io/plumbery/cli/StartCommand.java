package io.plumbery.cli;

import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts the nodes of the plan that are stopped.")
final class StartCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("start", Steps.start(s, selection, progress, parallel()), progress);
        }
    }
}
