package io.plumbery.cli;

import io.plumbery.engine.Polishing;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.engine.Steps;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Builds what is missing (networks, nodes, public addresses, firewall rules), starts stopped "
                + "nodes, bootstraps them, then waits for the cluster (leaders, agents) and submits the plan's apps.",
                "Idempotent: what the state records as built is left alone; a deploy that failed half-way resumes."})
final class DeployCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("deploy", Steps.chain(progress, List.of(
                    new Steps.Phase("build", () -> Steps.build(s, selection, progress, parallel())),
                    new Steps.Phase("start", () -> Steps.start(s, selection, progress, parallel())),
                    new Steps.Phase("polish", () -> Polishing.polish(s, selection, progress, parallel())),
                    new Steps.Phase("cluster", () -> Steps.cluster(s, progress)))), progress);
        }
    }
}
