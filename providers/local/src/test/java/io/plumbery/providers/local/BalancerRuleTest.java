package io.plumbery.providers.local;

import io.plumbery.providers.ProviderFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A balancer's chain, as the table renders it and as its probe's script rewrites it. */
class BalancerRuleTest {

    static final List<String> MEMBERS = List.of("10.77.1.10", "10.77.1.11", "10.77.1.12");
    static final List<NftRuleset.Net> NETS = List.of(new NftRuleset.Net("web", "pb-abcdef-0123", "10.77.1.0/24"));

    static BalancerRule rule(String algorithm, List<String> live) {
        return new BalancerRule("p-eu-web-http", "127.77.1.2", 80, algorithm, MEMBERS, live);
    }

    @Test
    void roundRobinOverTheLiveNodesAndAResetWhenNoneIs() {
        assertEquals("ip daddr 127.77.1.2 tcp dport 80 dnat to numgen inc mod 3 map { 0 : 10.77.1.10, "
                + "1 : 10.77.1.11, 2 : 10.77.1.12 } comment \"live 10.77.1.10 10.77.1.11 10.77.1.12\"",
                rule("round_robin", MEMBERS).rule());
        assertEquals("ip daddr 127.77.1.2 tcp dport 80 dnat to numgen random mod 1 map { 0 : 10.77.1.11 } "
                + "comment \"live 10.77.1.11\"", rule("random", List.of("10.77.1.11")).rule());
        assertTrue(rule("persistent_ip", MEMBERS).rule().contains(" dnat to jhash ip saddr mod 3 map "));
        assertEquals("ip daddr 127.77.1.2 tcp dport 80 reject with tcp reset comment \"live\"",
                rule("round_robin", List.of()).rule());
    }

    @Test
    void theProbesScriptWritesTheSameRuleAsTheTable() throws Exception {
        Path script = Files.createTempFile("probe", ".sh");
        try {
            Files.writeString(script, BalancerProbe.script("plumbery_p", rule("round_robin", MEMBERS)));
            for (List<String> live : List.of(MEMBERS, List.of("10.77.1.10", "10.77.1.12"), List.<String>of())) {
                List<String> command = new ArrayList<>(List.of("bash", script.toString(), "rule"));
                command.addAll(live);
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), out);
                assertEquals(rule("round_robin", live).rule() + "\n", out);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void theTableSendsTheAddressToTheChainAndLetsItsConnectionsThroughTheFirewall() {
        BalancerRule b = rule("round_robin", MEMBERS);
        String script = NftRuleset.render("plumbery_p", NETS, Map.of("web", List.of()), List.of(), List.of(b));
        assertTrue(script.contains("  chain nat_output {\n    type nat hook output priority -100; policy accept;\n"
                + "    jump " + b.chain() + "\n  }\n  chain " + b.chain() + " {\n    " + b.rule() + "\n  }\n"), script);
        String rejected = "    ip daddr 127.77.1.2 reject\n";
        String accepted = "    ct original ip daddr 127.77.1.2 accept\n";
        int firewall = script.indexOf("jump " + NftRuleset.firewallChain("web"));
        assertTrue(script.indexOf(rejected) < script.indexOf(accepted) && script.indexOf(accepted) < firewall,
                "other ports refused, the balanced port let through before the firewall: " + script);
    }

    @Test
    void whatNftablesCannotDoIsRefusedNamingTheKey() {
        assertEquals(java.util.Optional.empty(), LocalBalancers.refused("round_robin", "http"));
        assertEquals(java.util.Optional.empty(), LocalBalancers.refused("random", "tcp"));
        ProviderFactory.Refusal least = LocalBalancers.refused("least_connections", "http").orElseThrow();
        assertEquals("algorithm", least.key());
        assertTrue(least.why().contains("without counting connections"), least.why());
        assertEquals("protocol", LocalBalancers.refused("round_robin", "udp").orElseThrow().key());
        assertThrows(IllegalArgumentException.class, () -> rule("shortest_response", MEMBERS));
        assertThrows(IllegalArgumentException.class, () -> new BalancerRule("b", "127.77.1.2", 80, "random",
                List.of("10.77.1.10; drop"), List.of()));
    }
}
