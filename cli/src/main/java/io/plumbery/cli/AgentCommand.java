package io.plumbery.cli;

import io.plumbery.engine.AgentDrains;
import io.plumbery.engine.Outcome;
import io.plumbery.engine.Session;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/** drain and undrain: one agent node of the plan, named on the command line, checked before the master is asked. */
abstract class AgentCommand extends PlanCommandBase {

    @Parameters(index = "0", paramLabel = "NODE", description = "an agent node of the plan (a node with the "
            + "mesos-agent role), e.g. agent9")
    String node;

    @Override
    public final Integer call() throws Exception {
        Plan plan = loadPlan();
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        Optional<String> refused = AgentDrains.notAnAgent(plan, node);
        if (refused.isPresent()) {
            err().println("error: " + refused.get() + "; nothing was done.");
            return ExitCodes.USAGE;
        }
        ConsoleProgress progress = progress();
        try (Session s = session(plan)) {
            return report(spec.name(), act(s, progress), progress);
        }
    }

    abstract Outcome act(Session s, ConsoleProgress progress);
}
