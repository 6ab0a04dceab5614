package io.plumbery.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirewallRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tcpAndUdpRulesHoldARangeOfPortsIcmpAndAnyNone() {
        FirewallRule range = new FirewallRule("w-udp", Protocol.UDP, 16384, 32768, "0.0.0.0/0", "w1");
        assertEquals(PortRange.udp(16384, 32768), range.portRange());
        assertEquals(new FirewallRule("s", Protocol.TCP, 22, 22, null, null), new FirewallRule("s", Protocol.TCP, 22, null, null));
        assertNull(FirewallRule.icmp("ping", null, null).portRange());
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("r", Protocol.TCP, 10, 9, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("r", Protocol.UDP, 0, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("r", Protocol.TCP, 1, 65536, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("r", Protocol.ICMP, 8, 8, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("r", Protocol.ANY, 0, 1, null, null));
    }

    @Test
    void portRangesAreWrittenAsThePlanWritesThem() {
        assertEquals("tcp:22", PortRange.tcp(22).toString());
        assertEquals("udp:137..138", PortRange.udp(137, 138).toString());
        assertEquals(PortRange.udp(137, 138), PortRange.parse("udp:137..138"));
        assertEquals(PortRange.tcp(8080), PortRange.parse("tcp:8080"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("icmp:1"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("22"));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(Protocol.ANY, 1, 1));
    }

    @Test
    void rulesAndPortsReadBackAsWritten() throws Exception {
        FirewallRule rule = new FirewallRule("w1-tcp-8000-8010", Protocol.TCP, 8000, 8010, "0.0.0.0/0", "10.77.1.10");
        assertEquals(rule, JSON.readValue(JSON.writeValueAsString(rule), FirewallRule.class));
        PublicAddressRecord address = new PublicAddressRecord("a", "w1-public", "w1", "127.77.1.10",
                List.of(PortRange.tcp(22), PortRange.udp(16384, 32768)), Map.of());
        String text = JSON.writeValueAsString(address);
        assertEquals(true, text.contains("\"ports\":[\"tcp:22\",\"udp:16384..32768\"]"), text);
        assertEquals(address, JSON.readValue(text, PublicAddressRecord.class));
    }

    @Test
    void aStateWrittenBeforeRangesReadsAsOnePortEach(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.state.json");
        Files.writeString(file, """
                {"format": 1, "plan": "old", "serial": 3,
                 "firewalls": {"firewall.EU6.web": {"provider": "stub", "facility": "EU6", "record": {
                     "id": "fw", "name": "old-eu6-web-fw", "network": "old-eu6-web", "attributes": {},
                     "rules": [{"name": "web1-tcp-80", "protocol": "TCP", "port": 80, "source": "0.0.0.0/0",
                                "destination": "10.77.1.10"},
                               {"name": "accept-db", "protocol": "ANY", "port": 0, "source": "10.77.2.0/24",
                                "destination": "10.77.1.0/24"}]}}},
                 "publicAddresses": {"public.web1": {"provider": "stub", "facility": "EU6", "record": {
                     "id": "p", "name": "old-web1-public", "node": "web1", "address": "127.77.1.10",
                     "ports": [22, 80], "attributes": {}}}}}
                """);
        State state = StateStore.peek(file, "old");
        Placed<FirewallRecord> firewall = state.firewalls().get("firewall.EU6.web");
        assertEquals(List.of(new FirewallRule("web1-tcp-80", Protocol.TCP, 80, "0.0.0.0/0", "10.77.1.10"),
                FirewallRule.everything("accept-db", "10.77.2.0/24", "10.77.1.0/24")), firewall.record().rules());
        assertEquals(List.of(PortRange.tcp(22), PortRange.tcp(80)),
                state.publicAddresses().get("public.web1").record().ports());
    }
}
