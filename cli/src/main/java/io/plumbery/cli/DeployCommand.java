package io.plumbery.cli;

import io.plumbery.engine.CompositeActions;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Builds what is missing (networks, nodes, public addresses, firewall rules), starts stopped "
                + "nodes, bootstraps them, then waits for the cluster (leaders, agents) and submits the plan's apps.",
                "Idempotent: what the state records as built is left alone; a deploy that failed half-way resumes."})
final class DeployCommand extends ActionCommand {

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report("deploy", CompositeActions.deploy(s, selection, progress, parallel()), progress);
        }
    }
}
