package io.plumbery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code plumbery [OPTIONS] FITTINGS ACTION [BLUEPRINT...]}, as plumbery users type it. */
@Command(name = "plumbery",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        synopsisSubcommandLabel = "ACTION [BLUEPRINT...]",
        description = {
                "Turns one fittings plan into running infrastructure, and takes it down again.",
                "",
                "A plan (fittings.yaml) is a global document (information, parameters, defaults) followed by one "
                        + "document per facility, each with blueprints of networks and nodes. ACTION works on every "
                        + "blueprint, or only on the BLUEPRINTs named after it.",
                ""},
        subcommands = {
                DeployCommand.class, InformationCommand.class, DisposeCommand.class, PlanCommand.class,
                BuildCommand.class, StartCommand.class, PolishCommand.class, StopCommand.class,
                DestroyCommand.class, RefreshCommand.class, DrainCommand.class, UndrainCommand.class,
                TunnelCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  plumbery examples/mesos-3x9/fittings.yaml plan      # what deploy would do; touches nothing",
                "  plumbery examples/mesos-3x9/fittings.yaml deploy    # build, start, bootstrap",
                "  plumbery fittings.yaml deploy agents -P agentCpu=4  # one blueprint, one parameter",
                "  plumbery fittings.yaml information --json           # endpoints, for scripts",
                "  plumbery fittings.yaml dispose --yes                # stop and destroy everything",
                "  plumbery fittings.yaml drain agent9                 # move an agent's tasks away, keep the node",
                "  plumbery fittings.yaml tunnel                       # plain HTTP on 127.0.0.1 to the leaders",
                "",
                "Actions take their own options: plumbery FITTINGS ACTION --help.",
                "Exit codes: 0 done, 1 the action failed, 2 bad command line or plan (nothing done).",
                "State: .plumbery/NAME.state.json next to the plan records everything built."})
public final class Plumbery {

    @Parameters(index = "0", paramLabel = "FITTINGS", description = "the plan, a fittings.yaml file")
    Path fittings;

    @Option(names = "-P", paramLabel = "NAME=VALUE", scope = ScopeType.INHERIT,
            description = {"set a plan parameter; wins over PLUMBERY_PARAM_NAME, --parameters and the plan's "
                    + "defaults (repeatable)",
                    "NAME=@FILE reads the value from FILE, so that a secret does not show in ps (@@ for a value "
                            + "that starts with @); so does the environment variable PLUMBERY_PARAM_NAME=VALUE"})
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--parameters", paramLabel = "FILE.yaml", scope = ScopeType.INHERIT,
            description = "read parameter values from a YAML file (NAME: VALUE, or under 'parameters:')")
    List<Path> parameterFiles = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "at most N nodes built, started or bootstrapped at once (default: all of them)")
    int parallel;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "where to keep state, keys and secrets (default: .plumbery next to the plan)")
    Path stateDir;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print results and errors only")
    boolean quiet;

    @Option(names = {"-d", "--debug"}, scope = ScopeType.INHERIT,
            description = "print details for troubleshooting, with stack traces")
    boolean debug;

    public static void main(String[] args) {
        // libraries (jclouds, SSH) log through slf4j-simple: warnings only, unless -d asks for everything
        boolean debug = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-d") || a.equals("--debug"));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine().execute(args));
    }

    /** The command line with plumbery's exit codes and error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Plumbery());
        cl.setExecutionExceptionHandler(new Failures());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
