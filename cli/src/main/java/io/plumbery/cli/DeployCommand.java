package io.plumbery.cli;

import io.plumbery.engine.CompositeActions;
import io.plumbery.engine.Selection;
import io.plumbery.engine.Session;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Builds what is missing (networks, nodes, public addresses, firewall rules), starts stopped "
                + "nodes, bootstraps them, then waits for the cluster (leaders, agents) and submits the plan's apps.",
                "Idempotent: what the state records as built is left alone; a deploy that failed half-way resumes.",
                "Agent nodes that the plan no longer has (agent[1..9] -> agent[1..6]) are drained first through the "
                        + "leading master (Marathon moves their tasks), then destroyed."})
final class DeployCommand extends ActionCommand {

    @Option(names = "--force", description = "destroy the agents that the plan no longer has even when no master "
            + "answers to drain them (a cluster that is down for good): their tasks are lost, not moved")
    boolean force;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        ConsoleProgress progress = progress();
        try (Session s = session(plan).forcingWithoutDrain(force)) {
            return report("deploy", CompositeActions.deploy(s, selection, progress, parallel()), progress);
        }
    }
}
