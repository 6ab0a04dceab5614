package io.plumbery.engine;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A blueprint's balancers: refused at plan time where a provider cannot build them, else planned after its nodes. */
class BalancersPlanTest {

    @TempDir
    Path dir;

    static String plan(String provider, String pool, String protocol) {
        return """
                ---
                information: [a web tier]
                ---
                locationId: here
                provider: %s
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: 10.77.90.0}
                      pool: {algorithm: %s}
                      balancers:
                        - http: {protocol: %s, port: 80}
                      nodes:
                        - web[1..2]
                """.formatted(provider, pool, protocol);
    }

    @Test
    void whatTheLocalProviderCannotDoIsRefusedWhereThePlanWritesTheKey() throws Exception {
        String file = dir.resolve("fittings.yaml").toString();
        assertEquals(List.of(), errors(Plans.read(dir, plan("local", "round_robin", "http"))));
        assertEquals(List.of(), errors(Plans.read(dir, plan("local", "random", "tcp"))));
        assertEquals(List.of(file + ":9:25: error: pool algorithm 'least_connections' of blueprint 'web': provider "
                        + "local cannot build it: the local provider's balancer is this host's nftables, which picks a "
                        + "node for each new connection without counting connections, weighing nodes or timing "
                        + "answers; it can do persistent_ip, random, round_robin"),
                errors(Plans.read(dir, plan("local", "least_connections", "http"))));
        assertEquals(List.of(file + ":11:11: error: protocol 'udp' of balancer 'http' (blueprint 'web'): provider "
                        + "local cannot build it: the local provider's balancer takes a node out while its port does "
                        + "not answer a TCP connection, and cannot tell whether a UDP port answers; it balances http, "
                        + "https (passed through to the nodes) and tcp"),
                errors(Plans.read(dir, plan("local", "round_robin", "udp"))));
    }

    @Test
    void providersThatBuildNoBalancersRefuseThemAndSayWhichCan() throws Exception {
        for (String provider : List.of("vagrant", "jclouds", "stub")) {
            assertEquals(List.of(dir.resolve("fittings.yaml") + ":11:11: error: balancer 'http' of blueprint 'web': "
                            + "provider " + provider + " cannot build it: it builds no load balancers (providers that "
                            + "can: local, local-netns)"),
                    errors(Plans.read(dir, plan(provider, "round_robin", "http"))), provider);
        }
    }

    @Test
    void aBalancerIsBuiltAfterItsNodesAndAgainWhenTheyAreOrItChanges() throws Exception {
        Plan plan = Plans.read(dir, plan("local", "round_robin", "http"));
        State empty = State.empty(plan.name());
        List<Planned> first = Planner.deploy(plan, empty, Selection.DEFAULT);
        List<String> order = first.stream().map(p -> p.change().action().symbol() + " " + p.change().address()).toList();
        assertEquals(List.of("+ network.here.front", "+ node.web1", "+ node.web2", "+ balancer.here.web.http",
                "+ firewall.here.front"), order);
        assertEquals("http port 80, round_robin over 2 node(s)", first.get(3).change().summary());

        var web = plan.facilities().get(0).blueprints().get(0);
        State built = empty;
        for (String node : List.of("web1", "web2")) {
            built = built.withNode("node." + node, new Placed<>("local", "here", new NodeRecord(node, node, "front",
                    NodeStatus.RUNNING, "10.77.90.1" + node.charAt(3), null, null, Map.of()),
                    NodeSpec.of(web.nodes().get(node.charAt(3) - '1'))));
        }
        BalancerRecord lb = new BalancerRecord("127.77.90.2", "p-here-web-http", "front", "127.77.90.2", 80,
                FirewallRule.Protocol.TCP, "round_robin", List.of("web1", "web2"), Map.of());
        State withLb = built.withBalancer("balancer.here.web.http", new Placed<>("local", "here", lb,
                Balancers.spec(web, web.balancers().get(0))));
        assertEquals(Action.NO_OP, balancer(plan, withLb).action());
        Change moved = balancer(Plans.read(dir, plan("local", "round_robin", "http").replace("port: 80", "port: 8080")),
                withLb);
        assertEquals(Action.UPDATE, moved.action());
        assertEquals("port differ from the recorded one", moved.reason());
        assertEquals(Action.UPDATE, balancer(plan, withLb.without("node.web2")).action(), "web2 is built again");
        assertEquals("follows its nodes", balancer(plan, withLb.without("node.web2")).reason());
        assertEquals(List.of("balancer.here.web.http", "node.web1", "node.web2"),
                Destroyer.targets(plan, withLb, Selection.DEFAULT), "the balancer goes before its nodes");
        Plan without = Plans.read(dir, plan("local", "round_robin", "http").replaceAll("(?s)      balancers:.*?port: 80\\}\n", ""));
        assertEquals(List.of("- balancer.here.web.http"), Planner.deploy(without, withLb, Selection.DEFAULT).stream()
                .map(Planned::change).filter(c -> c.action() == Action.DELETE)
                .map(c -> c.action().symbol() + " " + c.address()).toList(), "no longer in the plan: deleted");
    }

    private static Change balancer(Plan plan, State state) {
        return Planner.deploy(plan, state, Selection.DEFAULT).stream().map(Planned::change)
                .filter(c -> c.kind().equals("balancer")).findFirst().orElseThrow();
    }

    private static List<String> errors(Plan plan) {
        return PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }
}
