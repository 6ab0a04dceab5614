package io.plumbery.cli;

import io.plumbery.engine.AgentDrains;
import io.plumbery.engine.Outcome;
import io.plumbery.engine.Session;
import picocli.CommandLine.Command;

@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Drains one agent of the cluster without destroying its node: the leading master stops "
                + "offering its resources and kills its tasks within a grace period (DRAIN_AGENT, at most 30s per "
                + "task), and Marathon launches replacements on the other agents, never below an app's "
                + "minimumHealthCapacity. Waits (5 minutes at most) until the master reports the agent DRAINED.",
                "The agent stays deactivated until 'undrain'. Exit 1 when it does not drain in time (the tasks left "
                        + "are named) or when no master answers; exit 2 when NODE is not an agent of the plan.",
                "Example: plumbery fittings.yaml drain agent9"})
final class DrainCommand extends AgentCommand {

    @Override
    Outcome act(Session s, ConsoleProgress progress) {
        return AgentDrains.drain(s, node, progress);
    }
}
