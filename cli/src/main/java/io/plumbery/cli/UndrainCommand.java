package io.plumbery.cli;

import io.plumbery.engine.AgentDrains;
import io.plumbery.engine.Outcome;
import io.plumbery.engine.Session;
import picocli.CommandLine.Command;

@Command(name = "undrain", mixinStandardHelpOptions = true,
        description = {"Brings back an agent that 'drain' took out (REACTIVATE_AGENT): the leading master offers "
                + "its resources again, and Marathon may place tasks there. Tasks that moved away stay where they are.",
                "Exit 1 when the master refuses (e.g. the agent is still draining, or was never drained) or no master "
                        + "answers; exit 2 when NODE is not an agent of the plan.",
                "Example: plumbery fittings.yaml undrain agent9"})
final class UndrainCommand extends AgentCommand {

    @Override
    Outcome act(Session s, ConsoleProgress progress) {
        return AgentDrains.undrain(s, node, progress);
    }
}
