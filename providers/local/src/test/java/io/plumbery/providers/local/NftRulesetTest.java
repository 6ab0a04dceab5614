package io.plumbery.providers.local;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.providers.PortRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.plumbery.providers.PortRange.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NftRulesetTest {

    private static final List<NftRuleset.Net> NETS = List.of(new NftRuleset.Net("web", "pb-abcdef-0123", "10.77.1.0/24"));

    @Test
    void emptyPlanOnlyDeletesTheTable() {
        String script = NftRuleset.render("plumbery_p", List.of(), Map.of(), List.of());
        assertEquals("table ip plumbery_p {\n}\ndelete table ip plumbery_p\n", script);
    }

    @Test
    void publicAddressForwardsExactlyItsPorts() {
        String script = NftRuleset.render("plumbery_p", NETS, Map.of(),
                List.of(new NftRuleset.Public("web-1", "web", "127.77.1.10", "10.77.1.10", List.of(tcp(8080), tcp(22), tcp(22)))));
        assertTrue(script.startsWith("table ip plumbery_p {\n}\ndelete table ip plumbery_p\ntable ip plumbery_p {\n"));
        assertTrue(script.contains("ip daddr 127.77.1.10 tcp dport { 22, 8080 } dnat to 10.77.1.10\n"), script);
        assertTrue(script.contains("oifname \"pb-abcdef-0123\" ip saddr 127.0.0.0/8 snat to 10.77.1.1\n"), script);
        assertTrue(script.contains("ip daddr 127.77.1.10 meta l4proto tcp reject with tcp reset\n"), script);
        assertTrue(script.contains("iifname \"pb-abcdef-0123\" oifname != \"pb-abcdef-0123\" reject with icmp type admin-prohibited\n"), script);
        assertTrue(script.contains("oifname \"pb-abcdef-0123\" iifname != \"pb-abcdef-0123\" drop\n"), script);
        assertFalse(script.contains("jump fw_"), "no firewall recorded: nothing to jump to");
        assertFalse(script.contains("masquerade"), "no NAT to the outside");
    }

    @Test
    void firewallRulesFilterForwardedTraffic() {
        List<FirewallRule> rules = List.of(
                new FirewallRule("ssh", Protocol.TCP, 22, "0.0.0.0/0", "10.77.1.10"),
                new FirewallRule("dns \"x\"", Protocol.UDP, 53, "10.0.0.0/8", "10.77.1.0/24"),
                new FirewallRule("web", Protocol.TCP, 80, null, null));
        String script = NftRuleset.render("plumbery_p", NETS, Map.of("web", rules), List.of());
        String chain = NftRuleset.firewallChain("web");
        assertTrue(script.contains("ip daddr 10.77.1.0/24 ct direction original ct status dnat jump " + chain + "\n"), script);
        assertTrue(script.contains("ip daddr 10.77.1.10 tcp dport 22 accept comment \"ssh\""), script);
        assertTrue(script.contains("ip saddr 10.0.0.0/8 ip daddr 10.77.1.0/24 udp dport 53 accept comment \"dns _x_\""),
                script);
        assertTrue(script.contains("    tcp dport 80 accept comment \"web\""), script);
        assertTrue(script.indexOf("tcp dport 80 accept") < script.lastIndexOf("reject with tcp reset"));
    }

    @Test
    void udpPortsAndRangesAreForwardedAsUdpTcpRangesAsRanges() {
        String script = NftRuleset.render("plumbery_p", NETS, Map.of(), List.of(new NftRuleset.Public("web-1", "web",
                "127.77.1.10", "10.77.1.10", List.of(tcp(22), PortRange.udp(16384, 32768), PortRange.udp(137, 138),
                        new PortRange(Protocol.TCP, 8000, 8010), new PortRange(Protocol.TCP, 8005, 8020), tcp(8021)))));
        assertTrue(script.contains("    ip daddr 127.77.1.10 tcp dport { 22, 8000-8021 } dnat to 10.77.1.10\n"
                + "    ip daddr 127.77.1.10 udp dport { 137-138, 16384-32768 } dnat to 10.77.1.10\n"), script);
        assertTrue(script.contains("    ip daddr 127.77.1.10 meta l4proto tcp reject with tcp reset\n"
                + "    ip daddr 127.77.1.10 reject\n"), "every other port and protocol is refused: " + script);
    }

    @Test
    void firewallRulesAllowTheirProtocolAndRange() {
        String chain = NftRuleset.render("plumbery_p", NETS, Map.of("web", List.of(
                new FirewallRule("web1-udp-16384-32768", Protocol.UDP, 16384, 32768, "0.0.0.0/0", "10.77.1.10"),
                new FirewallRule("web1-tcp-8000-8010", Protocol.TCP, 8000, 8010, "0.0.0.0/0", "10.77.1.10"),
                new FirewallRule("web1-udp-137", Protocol.UDP, 137, "0.0.0.0/0", "10.77.1.10"),
                FirewallRule.icmp("web1-icmp", "0.0.0.0/0", "10.77.1.10"))), List.of());
        assertTrue(chain.contains("  chain " + NftRuleset.firewallChain("web") + " {\n"
                + "    ip daddr 10.77.1.10 udp dport 16384-32768 accept comment \"web1-udp-16384-32768\"\n"
                + "    ip daddr 10.77.1.10 tcp dport 8000-8010 accept comment \"web1-tcp-8000-8010\"\n"
                + "    ip daddr 10.77.1.10 udp dport 137 accept comment \"web1-udp-137\"\n"
                + "    ip daddr 10.77.1.10 icmp type echo-request accept comment \"web1-icmp\"\n"
                + "    meta l4proto tcp reject with tcp reset\n    reject\n  }\n"), chain);
    }

    @Test
    void firewallOfAnUnknownNetworkIsLeftOut() {
        String script = NftRuleset.render("plumbery_p", NETS,
                Map.of("other", List.of(new FirewallRule("ssh", Protocol.TCP, 22, null, null))), List.of());
        assertFalse(script.contains("fw_"), script);
    }

    @Test
    void addressesAreValidated() {
        assertNull(NftRuleset.cidrOrNull("0.0.0.0/0"));
        assertNull(NftRuleset.cidrOrNull("any"));
        assertEquals("10.0.0.0/8", NftRuleset.cidrOrNull("10.1.2.3/8"));
        assertEquals("10.77.1.5", NftRuleset.cidrOrNull("10.77.1.5/32"));
        assertThrows(IllegalArgumentException.class, () -> NftRuleset.cidrOrNull("web; drop"));
        assertThrows(IllegalArgumentException.class, () -> NftRuleset.render("t", NETS, Map.of(),
                List.of(new NftRuleset.Public("x", "web", "127.0.0.1\"", "10.77.1.10", List.of(tcp(22))))));
    }
}
