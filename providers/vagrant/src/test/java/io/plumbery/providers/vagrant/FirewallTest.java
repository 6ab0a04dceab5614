package io.plumbery.providers.vagrant;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.FirewallRule.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirewallTest {

    @Test
    void onlyTheListedPortsComeIn() {
        String script = Firewall.render("web", "plumbery-abcdef-0123", "pv-abcdef-0123", List.of(
                new FirewallRule("web1-tcp-22", Protocol.TCP, 22, "0.0.0.0/0", "10.77.3.10"),
                new FirewallRule("dns", Protocol.UDP, 53, null, "10.77.3.0/24")));
        assertEquals("""
                *filter
                :plumbery-abcdef-0123 - [0:0]
                -A plumbery-abcdef-0123 -i pv-abcdef-0123 -o pv-abcdef-0123 -m comment --comment "plumbery web" -j RETURN
                -A plumbery-abcdef-0123 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "plumbery web" -j ACCEPT
                -A plumbery-abcdef-0123 -o pv-abcdef-0123 -p tcp -s 0.0.0.0/0 -d 10.77.3.10 --dport 22 -m conntrack --ctstate NEW -m comment --comment "plumbery web web1-tcp-22" -j ACCEPT
                -A plumbery-abcdef-0123 -o pv-abcdef-0123 -p udp -s 0.0.0.0/0 -d 10.77.3.0/24 --dport 53 -m conntrack --ctstate NEW -m comment --comment "plumbery web dns" -j ACCEPT
                -A plumbery-abcdef-0123 -o pv-abcdef-0123 -m comment --comment "plumbery web" -j DROP
                COMMIT
                """, script);
    }

    @Test
    void rangesUdpAndIcmpComeInAsTheirProtocol() {
        String script = Firewall.render("web", "c", "b", List.of(
                new FirewallRule("web1-udp-16384-32768", Protocol.UDP, 16384, 32768, "0.0.0.0/0", "10.77.3.10"),
                new FirewallRule("web1-tcp-8000-8010", Protocol.TCP, 8000, 8010, "0.0.0.0/0", "10.77.3.10"),
                FirewallRule.icmp("web1-icmp", "0.0.0.0/0", "10.77.3.10")));
        assertEquals(List.of(
                "-A c -o b -p udp -s 0.0.0.0/0 -d 10.77.3.10 --dport 16384:32768 -m conntrack --ctstate NEW -m comment --comment \"plumbery web web1-udp-16384-32768\" -j ACCEPT",
                "-A c -o b -p tcp -s 0.0.0.0/0 -d 10.77.3.10 --dport 8000:8010 -m conntrack --ctstate NEW -m comment --comment \"plumbery web web1-tcp-8000-8010\" -j ACCEPT",
                "-A c -o b -p icmp -s 0.0.0.0/0 -d 10.77.3.10 --icmp-type echo-request -m conntrack --ctstate NEW -m comment --comment \"plumbery web web1-icmp\" -j ACCEPT"),
                script.lines().filter(l -> l.contains("web1-")).toList());
    }

    @Test
    void noRulesMeansNothingComesIn() {
        String script = Firewall.render("p", "c", "b", List.of());
        assertEquals(List.of("*filter", ":c - [0:0]",
                "-A c -i b -o b -m comment --comment \"plumbery p\" -j RETURN",
                "-A c -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment \"plumbery p\" -j ACCEPT",
                "-A c -o b -m comment --comment \"plumbery p\" -j DROP", "COMMIT"), script.lines().toList());
    }

    @Test
    void theChainIsEnteredForTrafficToAndFromTheBridge() {
        assertEquals(List.of(List.of("DOCKER-USER", "-o", "b", "-j", "c"), List.of("DOCKER-USER", "-i", "b", "-j", "c")),
                Firewall.hooks("c", "b"));
    }

    @Test
    void addressesAreCheckedBeforeTheyReachIptables() {
        assertEquals("10.0.0.0/8", Firewall.cidr("10.0.0.0/8", "any"));
        assertEquals("any", Firewall.cidr(" ", "any"));
        assertThrows(IllegalArgumentException.class, () -> Firewall.cidr("10.0.0.1 -j ACCEPT", "any"));
        assertThrows(IllegalArgumentException.class, () -> Firewall.cidr("web1", "any"));
    }
}
