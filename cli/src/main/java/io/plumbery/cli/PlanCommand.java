package io.plumbery.cli;

import io.plumbery.cli.view.PlanView;
import io.plumbery.engine.PlanPreview;
import io.plumbery.engine.Selection;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what deploy would create (+), update (~), replace (-/+), delete (-), and what it would"
                + " leave alone.",
                "A node is replaced when the plan asks for other cpu, memory, image or disks than it was built with.",
                "A dry run: nothing is touched, not even the state's lock."})
final class PlanCommand extends ActionCommand {

    @Option(names = "--json", description = "print the changes as one JSON document")
    boolean json;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        new PlanView(PlanPreview.read(plan, root.stateDir, selection)).render(out(), json);
        return ExitCodes.OK;
    }
}
