package io.plumbery.cli.view;

import java.util.List;

/**
 * What {@code information} shows, as data: the text view prints it for people, {@code --json} prints it
 * as is. The JSON schema is this record tree (documented in the README).
 */
public record InformationView(String plan, String file, String state, List<BlueprintView> blueprints,
                              List<String> notes) {

    public record BlueprintView(String name, String facility, String provider, String network,
                                List<NodeView> nodes) {
    }

    /**
     * @param status  as the provider sees it now (or as recorded, with {@code --offline}): RUNNING, STOPPED,
     *                PENDING, GONE, NOT_BUILT...
     * @param ssh     a command that opens a shell on the node with the plan's key
     */
    public record NodeView(String name, String status, String privateAddress, String publicAddress, String ssh,
                           List<String> information) {
    }

    public void print(java.io.PrintWriter out) {
        out.println("Plan " + plan + " (" + file + ")");
        out.println("State " + state);
        for (BlueprintView b : blueprints) {
            out.println();
            out.println("blueprint " + b.name() + " in " + b.facility() + " (provider " + b.provider() + ")"
                    + (b.network() == null ? "" : ", network " + b.network()));
            for (NodeView n : b.nodes()) {
                out.printf("  %-20s %-9s private %-15s public %s%n", n.name(), n.status(),
                        orDash(n.privateAddress()), orDash(n.publicAddress()));
                if (n.ssh() != null) {
                    out.println("    $ " + n.ssh());
                }
                n.information().forEach(line -> out.println("    " + line));
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("note: " + n));
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
