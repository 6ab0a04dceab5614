package io.plumbery.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.engine.cluster.ClusterStatus;
import io.plumbery.engine.information.Information;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InformationViewTest {

    @Test
    void mesosDnsNamesAppsByTheirTaskNames() {
        assertEquals("shell-hello", InformationView.dnsName("/shell-hello"));
        assertEquals("web-prod", InformationView.dnsName("/prod/web"), "Marathon names tasks web.prod");
    }

    @Test
    void eachNodeIsOneLineWithItsSshCommandAndInformationBelow() {
        Information information = new Information("trio", "trio/fittings.yaml", "trio/.plumbery/trio.state.json",
                List.of(new Information.BlueprintInfo("trio", "local", "local", "trio 10.77.3.0/24", List.of(
                        new Information.NodeInfo("node1", "RUNNING", "10.77.3.2", "127.77.3.2",
                                "ssh plumbery-admin@127.77.3.2", List.of("ping node2")),
                        new Information.NodeInfo("node2", "NOT_BUILT", null, null, null, List.of())))),
                null, null, null, List.of("cluster endpoints not checked (--offline)"));
        StringWriter text = new StringWriter();
        new InformationView(information).render(new PrintWriter(text, true), false);
        assertEquals("""
                Plan trio (trio/fittings.yaml)
                State trio/.plumbery/trio.state.json

                blueprint trio in local (provider local), network trio 10.77.3.0/24
                  node1                RUNNING   private 10.77.3.2       public 127.77.3.2
                    $ ssh plumbery-admin@127.77.3.2
                    ping node2
                  node2                NOT_BUILT private -               public -

                note: cluster endpoints not checked (--offline)
                """, text.toString());
    }

    @Test
    void eachRoleOfTheClusterIsOneLineWithWeightQuotaAndAllocation() {
        ClusterStatus cluster = new ClusterStatus("zk://10.77.4.2:2181/mesos", List.of(), List.of(), "master1", 1, 1, 2,
                1024, "10.77.4.2:8080", List.of(), List.of(new ClusterStatus.RoleStatus("analytics", 2,
                Map.of("cpus", 2.0, "mem", 1024.0), Map.of("cpus", 4.0), Map.of("cpus", 1.5), List.of("fw-1"))));
        String text = render(new Information("duo", "duo/fittings.yaml", "s", List.of(), cluster, null, null,
                List.of()), false);
        assertTrue(text.contains("  role analytics   weight 2, guarantee cpus:2 mem:1024, limit cpus:4, allocated"
                + " cpus:1.5, 1 framework(s)\n"), text);
        assertTrue(render(new Information("duo", "duo/fittings.yaml", "s", List.of(), cluster, null, null, List.of()),
                true).contains("\"roles\" : [ {\n      \"name\" : \"analytics\""), "roles in information --json");
    }

    private static final Information.Access ACCESS = new Information.Access("admin",
            "plumbery duo/fittings.yaml information --credentials",
            List.of("ADMIN_SECRET=$(plumbery duo/fittings.yaml information --secret admin)",
                    "curl -u admin:\"$ADMIN_SECRET\" http://127.77.4.2:5050/master/state"));

    private static Information duo(List<Information.Credential> credentials) {
        return new Information("duo", "duo/fittings.yaml", "duo/.plumbery/duo.state.json", List.of(), null, ACCESS,
                credentials, List.of());
    }

    private static String render(Information information, boolean json) {
        StringWriter text = new StringWriter();
        new InformationView(information).render(new PrintWriter(text, true), json);
        return text.toString();
    }

    @Test
    void accessSaysHowToReachTheApisWithoutTheSecret() {
        assertEquals("""
                Plan duo (duo/fittings.yaml)
                State duo/.plumbery/duo.state.json

                access (the APIs ask for the admin principal's credentials; its secret: plumbery duo/fittings.yaml \
                information --credentials)
                  $ ADMIN_SECRET=$(plumbery duo/fittings.yaml information --secret admin)
                  $ curl -u admin:"$ADMIN_SECRET" http://127.77.4.2:5050/master/state
                """, render(duo(null), false));
    }

    @Test
    void credentialsOnlyWhereAskedForInTextAndJson() {
        List<Information.Credential> credentials = List.of(
                new Information.Credential("admin", "s3cretAdminXXXXXXXXXXXXX", "people"),
                new Information.Credential("plumbery", "s3cretZooKeeperXXXXXXXXX", "ZooKeeper"));
        String text = render(duo(credentials), false);
        assertTrue(text.endsWith("""

                credentials (secret: keep them out of logs and shared screens)
                  admin     s3cretAdminXXXXXXXXXXXXX   people
                  plumbery  s3cretZooKeeperXXXXXXXXX   ZooKeeper
                """), text);
        String json = render(duo(credentials), true);
        assertTrue(json.contains("\"principal\" : \"admin\",\n    \"secret\" : \"s3cretAdminXXXXXXXXXXXXX\""), json);
        String without = render(duo(null), true) + render(duo(null), false);
        assertFalse(without.contains("credentials\" :") || without.contains("s3cret"), without);
        assertTrue(render(duo(null), true).contains("\"secretCommand\" : \"plumbery duo/fittings.yaml information"
                + " --credentials\""));
        assertFalse(credentials.toString().contains("s3cret"), "never in their own text");
    }

    @Test
    void aBalancerIsOneLineUnderItsNodesWithItsInformationAndInTheJsonOnlyWhereThereIsOne() {
        Information.BlueprintInfo web = new Information.BlueprintInfo("web", "local", "local", "web 10.77.90.0/24",
                List.of(new Information.NodeInfo("web1", "RUNNING", "10.77.90.10", null, null, List.of())),
                List.of(new Information.BalancerInfo("http", "http", "round_robin", "127.77.90.2", 80,
                        List.of("web1", "web2"), List.of("curl http://127.77.90.2:80/")),
                        new Information.BalancerInfo("admin", "tcp", "round_robin", null, 8443, List.of("web1"),
                                List.of())));
        StringWriter text = new StringWriter();
        new InformationView(new Information("web", "f.yaml", "s.json", List.of(web), null, null, null, List.of()))
                .render(new PrintWriter(text, true), false);
        assertEquals("""
                Plan web (f.yaml)
                State s.json

                blueprint web in local (provider local), network web 10.77.90.0/24
                  web1                 RUNNING   private 10.77.90.10     public -
                  balancer http        127.77.90.2:80 http, round_robin over web1, web2
                    curl http://127.77.90.2:80/
                  balancer admin       NOT_BUILT tcp, round_robin over web1
                """, text.toString());
        StringWriter json = new StringWriter();
        new InformationView(new Information("web", "f.yaml", "s.json", List.of(web), null, null, null, List.of()))
                .render(new PrintWriter(json, true), true);
        assertTrue(json.toString().contains("\"balancers\""), json.toString());
        StringWriter none = new StringWriter();
        new InformationView(new Information("t", "f.yaml", "s.json", List.of(new Information.BlueprintInfo("t",
                "local", "local", null, List.of())), null, null, null, List.of())).render(new PrintWriter(none, true), true);
        assertFalse(none.toString().contains("balancers"), none.toString());
    }
}
