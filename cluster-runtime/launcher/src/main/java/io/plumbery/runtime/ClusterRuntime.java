package io.plumbery.runtime;

import io.plumbery.runtime.chronos.ChronosCommand;
import io.plumbery.runtime.cli.AgentCommand;
import io.plumbery.runtime.cli.MasterCommand;
import io.plumbery.runtime.cli.ZooKeeperCommand;
import io.plumbery.runtime.dns.DnsCommand;
import io.plumbery.runtime.logging.ConsoleLog;
import io.plumbery.runtime.marathon.MarathonCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The cluster-runtime jar: one subcommand per service, each run by its own systemd unit.
 */
@Command(name = "cluster-runtime", mixinStandardHelpOptions = true, version = "plumbery cluster-runtime 0.1.0",
        description = "Embedded ZooKeeper, a Mesos-compatible master and agent, a Marathon-compatible scheduler, Mesos-DNS-compatible discovery and a Chronos-compatible scheduler of periodic jobs.",
        subcommands = {ZooKeeperCommand.class, MasterCommand.class, AgentCommand.class, MarathonCommand.class, DnsCommand.class,
                ChronosCommand.class})
public final class ClusterRuntime implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ConsoleLog.install();
        System.exit(commandLine().execute(args));
    }

    /** The command line with exit codes mapped in one place: 0 ok, 1 run failed, 2 usage. */
    public static CommandLine commandLine() {
        return new CommandLine(new ClusterRuntime())
                .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                        || e instanceof IllegalArgumentException ? 2 : 1);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
