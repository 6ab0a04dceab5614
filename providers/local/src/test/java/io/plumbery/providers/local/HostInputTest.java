package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostInputTest {

    private static final List<NftRuleset.Net> NETS = List.of(
            new NftRuleset.Net("web", "pb-abcdef-0123", "10.77.1.0/24"),
            new NftRuleset.Net("db", "pb-abcdef-4567", "10.77.2.0/28"));

    @Test
    void nodesReachTheProxyAtTheirGatewayAndNothingElseOfTheHost() {
        assertEquals("""
                  chain loopback_guard {
                    type filter hook prerouting priority -150; policy accept;
                    iifname "pb-abcdef-0123" ip daddr 127.0.0.0/8 counter drop
                    iifname "pb-abcdef-4567" ip daddr 127.0.0.0/8 counter drop
                  }
                  chain nat_prerouting {
                    type nat hook prerouting priority -100; policy accept;
                    iifname "pb-abcdef-0123" ip saddr 10.77.1.0/24 ip daddr 10.77.1.1 tcp dport 3149 dnat to 127.0.0.1
                    iifname "pb-abcdef-4567" ip saddr 10.77.2.0/28 ip daddr 10.77.2.1 tcp dport 3149 dnat to 127.0.0.1
                  }
                  chain input {
                    type filter hook input priority 0; policy accept;
                    iifname "pb-abcdef-0123" ct state established,related accept
                    iifname "pb-abcdef-0123" ip saddr 10.77.1.0/24 ip daddr 127.0.0.1 tcp dport 3149 ct status dnat accept comment "package proxy"
                    iifname "pb-abcdef-0123" meta l4proto tcp reject with tcp reset
                    iifname "pb-abcdef-0123" reject with icmp type admin-prohibited
                    iifname "pb-abcdef-4567" ct state established,related accept
                    iifname "pb-abcdef-4567" ip saddr 10.77.2.0/28 ip daddr 127.0.0.1 tcp dport 3149 ct status dnat accept comment "package proxy"
                    iifname "pb-abcdef-4567" meta l4proto tcp reject with tcp reset
                    iifname "pb-abcdef-4567" reject with icmp type admin-prohibited
                  }
                """, HostInput.chains(NETS));
    }

    @Test
    void thePlansTableCarriesThem() {
        String script = NftRuleset.render("plumbery_p", NETS, Map.of(), List.of());
        assertTrue(script.endsWith(HostInput.chains(List.of(NETS.get(1), NETS.get(0))) + "}\n"), script);
    }
}
