package io.plumbery.cli;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.PortRange;
import io.plumbery.state.State;
import io.plumbery.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a plan's networks, glue rules and default blueprints mean, end to end on the stub cloud. */
class PlanSemanticsTest {

    @TempDir
    Path dir;

    static final String NETWORKS = """
            ---
            information: [web and api on one network, a mirror of another facility on it too, a legacy one]
            ---
            locationId: EU6
            provider: PROVIDER
            blueprints:
              - web:
                  ethernet: {name: front, subnet: 10.77.40.0}
                  nodes:
                    - web1:
                        appliance: centos
                        glue: [internet icmp 22 udp:5000..5010]
              - api:
                  ethernet: {name: front}
                  nodes:
                    - api1: {appliance: centos}
              - legacy:
                  ethernet: {name: legacy-lan}
                  nodes:
                    - old1: {appliance: centos}
            ---
            locationId: NA9
            provider: PROVIDER
            blueprints:
              - mirror:
                  ethernet: {name: "EU6::front"}
                  nodes:
                    - mirror1: {appliance: centos}
            """;

    Path plan(String name, String text) throws Exception {
        Path plan = dir.resolve(name).resolve("fittings.yaml");
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, text);
        return plan;
    }

    State state(Path plan, String name) throws Exception {
        return StateStore.peek(plan.getParent().resolve(".plumbery/" + name + ".state.json"), name);
    }

    @Test
    void referencesShareOneNetworkTheProvidersOwnIsUsedAndNeverDeleted() throws Exception {
        Path plan = plan("shared", NETWORKS.replace("PROVIDER", "watched"));
        Run deploy = Run.of(plan.toString(), "deploy");
        assertEquals(0, deploy.exit(), deploy.toString());
        State built = state(plan, "shared");
        assertEquals(Set.of("network.EU6.front", "network.EU6.legacy-lan"), built.networks().keySet());
        String front = built.networks().get("network.EU6.front").record().name();
        for (String node : List.of("web1", "api1", "mirror1")) {
            assertEquals(front, built.nodes().get("node." + node).record().network(), node + " is on front");
        }
        assertEquals("legacy-lan", built.nodes().get("node.old1").record().network(), "the provider's, by name");
        assertEquals(List.of(PortRange.tcp(22), PortRange.udp(5000, 5010)),
                built.publicAddresses().get("public.web1").record().ports());
        assertEquals(List.of(FirewallRule.Protocol.ICMP, FirewallRule.Protocol.TCP, FirewallRule.Protocol.UDP),
                built.firewalls().get("firewall.EU6.front").record().rules().stream().map(FirewallRule::protocol).toList());

        Run again = Run.of(plan.toString(), "plan");
        assertTrue(again.out().contains("0 to create, 0 to update, 0 to replace, 0 to delete"), again.toString());

        WatchedProviderFactory.DESTROYED_NETWORKS.clear();
        Run dispose = Run.of(plan.toString(), "dispose", "--yes");
        assertEquals(0, dispose.exit(), dispose.toString());
        assertTrue(state(plan, "shared").isEmpty(), "nothing left in the state");
        assertEquals(List.of(front), WatchedProviderFactory.DESTROYED_NETWORKS, "legacy-lan is not the plan's to delete");
    }

    @Test
    void aProviderThatCannotUseItsOwnNetworksRefusesThePlanBeforeAnythingIsDone() throws Exception {
        Path plan = plan("refused", NETWORKS.replace("PROVIDER", "local"));
        Run refused = Run.of(plan.toString(), "plan");
        assertEquals(ExitCodes.USAGE, refused.exit(), refused.toString());
        assertTrue(refused.err().contains(plan + ":18:24: error: ethernet 'legacy-lan' of blueprint 'legacy': no "
                + "blueprint declares it"), refused.err());
        assertTrue(refused.err().contains("1 error in the plan; nothing was done."), refused.err());
        assertTrue(Files.notExists(plan.getParent().resolve(".plumbery")), "nothing was done");
    }

    @Test
    void informationNamesTheNodesWhoseNetworkCardsWereNotApplied() throws Exception {
        Path plan = plan("cards", NETWORKS.replace("PROVIDER", "stub")
                .replace("glue: [internet icmp 22 udp:5000..5010]", "glue: [internet 22, storage .12 vmxnet3]"));
        Run info = Run.of(plan.toString(), "information", "--offline");
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("web1: an interface on storage (.12), a vmxnet3 card: not applied, provider stub "
                + "puts a node on its blueprint's network only and chooses no network card type"), info.out());
    }

    @Test
    void aPublicAddressWhoseGlueChangedIsUpdated() throws Exception {
        Path plan = plan("glue", NETWORKS.replace("PROVIDER", "stub").replace("legacy-lan", "old")
                .replace("{name: old}", "{name: old, subnet: 10.77.41.0}"));
        assertEquals(0, Run.of(plan.toString(), "deploy").exit());
        Files.writeString(plan, Files.readString(plan).replace("udp:5000..5010", "udp:5000..5020 tcp:8000..8010"));
        Run planned = Run.of(plan.toString(), "plan");
        assertTrue(planned.out().matches("(?s).*~ public\\.web1 +ports 22,udp:5000\\.\\.5020,tcp:8000\\.\\.8010 "
                + "+\\[ports differ from the recorded ones].*"), planned.out());
        assertTrue(planned.out().contains("~ firewall.EU6.front"), planned.out());
        assertEquals(0, Run.of(plan.toString(), "deploy").exit());
        assertEquals(List.of(PortRange.tcp(22), PortRange.udp(5000, 5020), new PortRange(FirewallRule.Protocol.TCP,
                8000, 8010)), state(plan, "glue").publicAddresses().get("public.web1").record().ports());
        assertEquals(0, Run.of(plan.toString(), "dispose", "--yes").exit());
    }
}
