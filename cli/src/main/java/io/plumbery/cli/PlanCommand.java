package io.plumbery.cli;

import io.plumbery.cli.view.CloudConfigView;
import io.plumbery.cli.view.PlanView;
import io.plumbery.engine.PlanPreview;
import io.plumbery.engine.Selection;
import io.plumbery.engine.cloudconfig.CloudConfigPreview;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what deploy would create (+), update (~), replace (-/+), delete (-), and what it would"
                + " leave alone.",
                "A node is replaced when the plan asks for other cpu, memory, image or disks than it was built with.",
                "A dry run: nothing is touched, not even the state's lock.",
                "With --show-cloud-config NODE: the node's cloud-config as polish applies it on the node (the plan's"
                        + " defaults, the node's profile and its own, merged; secrets masked; addresses of nodes not"
                        + " built yet as placeholders), the cloud-init modules that apply it, and what polish would"
                        + " warn about or refuse."})
final class PlanCommand extends ActionCommand {

    @Option(names = "--json", description = "print the changes (or the cloud-config) as one JSON document")
    boolean json;

    @Option(names = "--show-cloud-config", paramLabel = "NODE",
            description = "show NODE's cloud-config as polish applies it, instead of the changes")
    String cloudConfigNode;

    @Override
    int run(Plan plan, Selection selection) throws Exception {
        if (cloudConfigNode != null) {
            if (plan.node(cloudConfigNode).isEmpty()) {
                err().println("error: no node named '" + cloudConfigNode + "' in " + plan.source() + "; nodes: "
                        + String.join(", ", plan.nodes().map(Node::name).toList()));
                return ExitCodes.USAGE;
            }
            new CloudConfigView(CloudConfigPreview.read(plan, root.stateDir, cloudConfigNode)).render(out(), json);
            return ExitCodes.OK;
        }
        new PlanView(PlanPreview.read(plan, root.stateDir, selection)).render(out(), json);
        return ExitCodes.OK;
    }
}
