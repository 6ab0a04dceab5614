package io.plumbery.cli;

import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Creates what the plan describes and the state lacks: networks, nodes, public addresses, firewall rules. Nodes are left running.")
final class BuildCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("build", Steps.build(s, selection, progress, parallel()), progress);
        }
    }
}
