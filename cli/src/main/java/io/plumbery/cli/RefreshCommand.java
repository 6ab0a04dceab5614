package io.plumbery.cli;

import io.plumbery.engine.Polishing;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

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
            int n = parallel();
            return report("refresh", Steps.chain(progress, List.of(
                    new Steps.Phase("stop", () -> Steps.stop(s, selection, progress, n)),
                    new Steps.Phase("destroy", () -> Steps.destroy(s, selection, progress, n)),
                    new Steps.Phase("build", () -> Steps.build(s, selection, progress, n)),
                    new Steps.Phase("start", () -> Steps.start(s, selection, progress, n)),
                    new Steps.Phase("polish", () -> Polishing.polish(s, selection, progress, n)),
                    new Steps.Phase("cluster", () -> Steps.cluster(s, progress)))), progress);
        }
    }
}
