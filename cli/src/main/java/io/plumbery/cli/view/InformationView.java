package io.plumbery.cli.view;

import java.util.List;

/**
 * What {@code information} shows, as data: the text view prints it for people, {@code --json} prints it
 * as is. The JSON schema is this record tree (documented in the README).
 */
public record InformationView(String plan, String file, String state, List<BlueprintView> blueprints,
                              io.plumbery.engine.cluster.ClusterStatus cluster, List<String> notes) {

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
        if (cluster != null) {
            printCluster(out);
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("note: " + n));
        }
    }

    private void printCluster(java.io.PrintWriter out) {
        out.println();
        out.println("cluster");
        out.println("  zookeeper        " + cluster.zookeeper());
        if (!cluster.dns().isEmpty()) {
            String example = cluster.apps().isEmpty() ? "APP" : dnsName(cluster.apps().get(0).id());
            out.println("  dns              " + String.join(", ", cluster.dns()) + " port 53 (Mesos-DNS names, e.g. "
                    + example + ".marathon.mesos; try: dig @" + cluster.dns().get(0) + " leader.mesos)");
        }
        out.println("  mesos leader     " + orDash(cluster.mesosLeader()));
        out.println("  marathon leader  " + orDash(cluster.marathonLeader()));
        out.printf("  agents           %d/%d registered, %.1f cpus and %.0f MB free%n", cluster.agentsRegistered(),
                cluster.agentsExpected(), cluster.cpusFree(), cluster.memFreeMb());
        for (var m : cluster.masters()) {
            out.printf("  %-16s mesos %s (%s)   marathon %s (%s)%n", m.name(), m.mesosUrl(), m.mesos(),
                    m.marathonUrl(), m.marathon());
        }
        for (var a : cluster.apps()) {
            out.printf("  app %-12s %d/%d running, %d healthy%s%n", a.id(), a.running(), a.instances(), a.healthy(),
                    a.waiting() == null ? "" : "; " + a.waiting());
        }
    }

    /** Mesos-DNS's name of a Marathon app's tasks: /prod/web runs tasks named web.prod, sanitised to web-prod. */
    static String dnsName(String appId) {
        List<String> segments = new java.util.ArrayList<>(List.of(appId.replaceFirst("^/", "").split("/")));
        java.util.Collections.reverse(segments);
        return String.join("-", segments);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
