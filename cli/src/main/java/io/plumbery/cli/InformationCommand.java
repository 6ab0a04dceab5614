package io.plumbery.cli;

import io.plumbery.cli.view.InformationView;
import io.plumbery.engine.Selection;
import io.plumbery.engine.information.Information;
import io.plumbery.engine.information.InformationService;
import io.plumbery.fittings.model.Plan;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "information", aliases = "info", mixinStandardHelpOptions = true,
        description = {"Shows each blueprint and node: status, private and public address, how to reach it over SSH, "
                + "and the plan's information lines with their values filled in.",
                "For a plan with a cluster: its leaders, agents and apps, and how to reach its APIs. They ask for "
                + "the plan's credentials (HTTP Basic, as the 'admin' principal); --credentials prints them:",
                "  ADMIN_SECRET=$(plumbery fittings.yaml information --secret admin)",
                "  curl --cacert .plumbery/PLAN/tls/ca.pem -u admin:\"$ADMIN_SECRET\" https://MASTER:5050/master/state",
                "Reads the state without locking it, and asks the providers for each node's current status."})
final class InformationCommand extends ActionCommand {

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--offline", description = "show the recorded status; do not ask the providers")
    boolean offline;

    @Option(names = "--show-cloud-config",
            description = "add each node's cloud-config as polish applies it (secrets masked; 'cloudConfig' in JSON)")
    boolean showCloudConfig;

    @Option(names = "--credentials",
            description = "add the cluster's principals and their secrets (admin for people and tools; marathon,"
                    + " chronos, agent and dns for the services; plumbery for ZooKeeper); 'credentials' in JSON. Keep them out of"
                    + " logs and shared terminals")
    boolean credentials;

    @Option(names = "--secret", paramLabel = "PRINCIPAL",
            description = "print only this principal's secret (admin, marathon, chronos, agent, dns, plumbery), for a shell"
                    + " variable: nothing else is printed, and the providers are not asked")
    String secret;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        if (secret != null) {
            return printSecret(plan, selection);
        }
        new InformationView(InformationService.gather(plan, selection, root.stateDir, offline, showCloudConfig,
                credentials)).render(out(), json);
        return ExitCodes.OK;
    }

    /** The secret alone on stdout; read offline, so no provider or cluster is asked. */
    private int printSecret(Plan plan, Selection selection) throws Exception {
        List<Information.Credential> known = Optional.ofNullable(
                InformationService.gather(plan, selection, root.stateDir, true, false, true).credentials())
                .orElse(List.of());
        Optional<Information.Credential> match = known.stream().filter(c -> c.principal().equals(secret)).findFirst();
        if (match.isEmpty()) {
            err().println("error: plan " + plan.name() + " has no secret of principal '" + secret + "'"
                    + (known.isEmpty() ? " (its cluster has none until its first polish)"
                    : "; its principals: " + String.join(", ", known.stream().map(Information.Credential::principal).toList())));
            return ExitCodes.USAGE;
        }
        out().println(match.get().secret());
        return ExitCodes.OK;
    }
}
