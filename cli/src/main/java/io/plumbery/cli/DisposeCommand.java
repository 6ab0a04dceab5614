package io.plumbery.cli;

import io.plumbery.engine.Selection;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dispose", mixinStandardHelpOptions = true,
        description = {"Takes everything of the plan down: stops the nodes, then destroys every resource the state "
                + "records, and clears the state.", "Asks for confirmation on a terminal unless --yes."})
final class DisposeCommand extends ActionCommand {

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation on a terminal")
    boolean yes;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        return DestroyCommand.destroy(this, plan, selection, yes, true);
    }
}
