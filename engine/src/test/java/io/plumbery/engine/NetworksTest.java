package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.FirewallRule;
import io.plumbery.state.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared networks are made, references share them, the provider's own are used where it can. */
class NetworksTest {

    @TempDir
    Path dir;

    static String plan(String provider, String mirrorProvider) {
        return """
                ---
                information: [web and api on one network, a mirror of another facility on it too, a legacy one]
                ---
                locationId: EU6
                provider: %1$s
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: 10.77.40.0}
                      nodes:
                        - web1:
                            glue: [internet 80]
                  - api:
                      ethernet: {name: front, accept: [legacy-lan]}
                      nodes:
                        - api1:
                            glue: [internet udp:5000..5010]
                  - legacy:
                      ethernet: {name: legacy-lan}
                      nodes:
                        - old1:
                ---
                locationId: NA9
                provider: %2$s
                blueprints:
                  - mirror:
                      ethernet: {name: "EU6::front"}
                      nodes:
                        - mirror1:
                            glue: [internet 443]
                """.formatted(provider, mirrorProvider);
    }

    @Test
    void aReferenceIsTheDeclaringBlueprintsNetworkOneRecordOneFirewall() throws Exception {
        Plan plan = Plans.read(dir, plan("stub", "stub"));
        List<String> networks = Planner.deploy(plan, State.empty(plan.name()), Selection.DEFAULT).stream()
                .filter(p -> p.change().kind().equals("network") || p.change().kind().equals("firewall"))
                .map(p -> p.change().action() + " " + p.change().address() + " " + p.change().summary()
                        + (p.change().reason() == null ? "" : " [" + p.change().reason() + "]")).toList();
        assertEquals(List.of(
                "CREATE network.EU6.front 10.77.40.0/24 (front)",
                "CREATE network.EU6.legacy-lan legacy-lan, at the provider [the provider's own: used, neither made "
                        + "nor ever deleted]",
                "CREATE firewall.EU6.front 3 inbound rule(s)",
                "CREATE firewall.EU6.legacy-lan 0 inbound rule(s)"), networks);
        Planned mirror = Planner.deploy(plan, State.empty(plan.name()), new Selection(java.util.Set.of("mirror")))
                .get(0);
        assertEquals("network.EU6.front", mirror.change().address(), "deploying the mirror alone makes EU6's front");
        assertEquals("EU6", mirror.target().facility().name());
        assertEquals("web", ((Target.Network) mirror.target()).blueprint().name(), "as its declaring blueprint says");
    }

    @Test
    void theFirewallOfASharedNetworkHoldsTheGlueOfAllItsNodes() throws Exception {
        Plan plan = Plans.read(dir, plan("stub", "stub"));
        String any = "0.0.0.0/0";
        assertEquals(List.of(new FirewallRule("web1-tcp-80", FirewallRule.Protocol.TCP, 80, any, "web1"),
                        new FirewallRule("api1-udp-5000-5010", FirewallRule.Protocol.UDP, 5000, 5010, any, "api1"),
                        new FirewallRule("mirror1-tcp-443", FirewallRule.Protocol.TCP, 443, any, "mirror1")),
                Firewalls.rules(plan, plan.facilities().get(1), "EU6::front", State.empty(plan.name())),
                "the legacy network's addresses are unknown: nothing to accept from it");
    }

    @Test
    void aProviderThatCannotUseItsOwnNetworksIsToldWhereThePlanAsksForOne() throws Exception {
        Plan plan = Plans.read(dir, plan("local", "local"));
        Path file = dir.resolve("fittings.yaml");
        assertEquals(List.of(
                file + ":13:24: warning: accept: network 'legacy-lan' exists only at the provider: the plan does not "
                        + "know its addresses, so no firewall rule lets its traffic in",
                file + ":18:24: error: ethernet 'legacy-lan' of blueprint 'legacy': no blueprint declares it, so it "
                        + "must be a network provider local already has, and local puts nodes only on networks it "
                        + "makes; give it a subnet to have the plan make it, or use a provider that can use its own "
                        + "(aws-ec2, jclouds, stub)"),
                PlanFit.check(plan).stream().map(Diagnostic::format).toList());
        assertEquals(List.of(), PlanFit.check(Plans.read(dir, plan("stub", "stub"))).stream()
                .filter(Diagnostic::isError).toList());
    }

    @Test
    void nodesOfOneProviderCannotJoinTheNetworkOfAnother() throws Exception {
        Plan plan = Plans.read(dir, plan("stub", "local"));
        Path file = dir.resolve("fittings.yaml");
        assertEquals(List.of(file + ":26:24: error: ethernet 'EU6::front' of blueprint 'mirror' is the network of "
                        + "facility EU6, made by provider stub: nodes of provider local cannot join it; declare a "
                        + "network of this facility instead"),
                PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
    }
}
