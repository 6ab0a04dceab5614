package io.plumbery.cli.view;

import io.plumbery.engine.cluster.Amounts;
import io.plumbery.engine.cluster.ClusterStatus;
import io.plumbery.engine.information.Information;

import java.io.PrintWriter;
import java.util.List;

/** {@code information}: each blueprint and node, the cluster and the notes, as text or as the record tree in JSON. */
public final class InformationView implements View {

    private final Information information;

    public InformationView(Information information) {
        this.information = information;
    }

    @Override
    public void json(PrintWriter out) {
        out.println(Json.write(information));
    }

    @Override
    public void human(PrintWriter out) {
        out.println("Plan " + information.plan() + " (" + information.file() + ")");
        out.println("State " + information.state());
        for (Information.BlueprintInfo b : information.blueprints()) {
            out.println();
            out.println("blueprint " + b.name() + " in " + b.facility() + " (provider " + b.provider() + ")"
                    + (b.network() == null ? "" : ", network " + b.network()));
            for (Information.NodeInfo n : b.nodes()) {
                out.printf("  %-20s %-9s private %-15s public %s%n", n.name(), n.status(),
                        orDash(n.privateAddress()), orDash(n.publicAddress()));
                if (n.ssh() != null) {
                    out.println("    $ " + n.ssh());
                }
                n.information().forEach(line -> out.println("    " + line));
                if (n.cloudConfig() != null) {
                    out.println("    cloud-config:");
                    n.cloudConfig().text().lines().forEach(line -> out.println("      " + line));
                }
            }
            for (Information.BalancerInfo lb : b.balancers()) {
                out.printf("  balancer %-11s %s %s, %s over %s%n", lb.name(),
                        lb.address() == null ? "NOT_BUILT" : lb.address() + ":" + lb.port(), lb.protocol(),
                        lb.algorithm(), String.join(", ", lb.members()));
                lb.information().forEach(line -> out.println("    " + line));
            }
        }
        if (information.cluster() != null) {
            printCluster(information.cluster(), out);
        }
        if (information.access() != null) {
            printAccess(information.access(), out);
        }
        if (information.credentials() != null && !information.credentials().isEmpty()) {
            printCredentials(information.credentials(), out);
        }
        if (!information.notes().isEmpty()) {
            out.println();
            information.notes().forEach(n -> out.println("note: " + n));
        }
    }

    private static void printCluster(ClusterStatus cluster, PrintWriter out) {
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
            out.printf("  %-16s mesos %s (%s)   marathon %s (%s)   chronos %s (%s)%n", m.name(), m.mesosUrl(),
                    m.mesos(), m.marathonUrl(), m.marathon(), m.chronosUrl(), m.chronos());
        }
        for (var a : cluster.apps()) {
            out.printf("  app %-12s %d/%d running, %d healthy%s%n", a.id(), a.running(), a.instances(), a.healthy(),
                    a.waiting() == null ? "" : "; " + a.waiting());
        }
        for (ClusterStatus.RoleStatus r : cluster.roles()) {
            out.printf("  role %-11s weight %s, guarantee %s, limit %s, allocated %s, %d framework(s)%n", r.name(),
                    Amounts.number(r.weight()), Amounts.show(r.guarantee()), Amounts.show(r.limit()),
                    Amounts.show(r.allocated()),
                    r.frameworks().size());
        }
    }

    private static void printAccess(Information.Access access, PrintWriter out) {
        out.println();
        out.println("access (the APIs ask for the " + access.principal() + " principal's credentials; its secret: "
                + access.secretCommand() + ")");
        access.commands().forEach(command -> out.println("  $ " + command));
    }

    private static void printCredentials(List<Information.Credential> credentials, PrintWriter out) {
        out.println();
        out.println("credentials (secret: keep them out of logs and shared screens)");
        for (Information.Credential c : credentials) {
            out.printf("  %-9s %-26s %s%n", c.principal(), c.secret(), c.use());
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
