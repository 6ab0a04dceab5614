package io.plumbery.cli;

import io.plumbery.engine.Polishing;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

@Command(name = "polish", mixinStandardHelpOptions = true,
        description = {"Bootstraps the running nodes over SSH: renders cloud-config, systemd units and settings from "
                + "the plan and the built addresses, uploads what changed, starts the services and waits until they "
                + "are healthy.", "Re-running it on configured nodes changes nothing and says so."})
final class PolishCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("polish", Polishing.polish(s, selection, progress, parallel()), progress);
        }
    }
}
