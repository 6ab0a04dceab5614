package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.PortRange;
import io.plumbery.state.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallsTest {

    @Test
    void anAcceptListLetsEverythingInFromTheNetworksItNames(@TempDir Path dir) throws Exception {
        Plan plan = Plans.read(dir, """
                ---
                information: [two networks]
                ---
                locationId: EU6
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: 10.77.1.0}
                      nodes:
                        - web1:
                            glue: [internet 80]
                  - db:
                      ethernet: {name: back, subnet: 10.77.2.0, accept: [front, EU7::batch]}
                      nodes:
                        - db1:
                ---
                locationId: EU7
                blueprints:
                  - batch:
                      ethernet: {name: batch, subnet: 10.78.1.0}
                      nodes:
                        - batch1:
                """);
        State none = State.empty(plan.name());
        assertEquals(List.of(FirewallRule.everything("accept-front", "10.77.1.0/24", "10.77.2.0/24"),
                        FirewallRule.everything("accept-EU7-batch", "10.78.1.0/24", "10.77.2.0/24")),
                Firewalls.rules(plan, plan.facilities().get(0), "back", none));
        assertEquals(List.of(new FirewallRule("web1-tcp-80", FirewallRule.Protocol.TCP, 80, "0.0.0.0/0", "web1")),
                Firewalls.rules(plan, plan.facilities().get(0), "front", none), "accepting is one way");
    }

    @Test
    void glueRulesOpenTheirProtocolAndPorts(@TempDir Path dir) throws Exception {
        Plan plan = Plans.read(dir, """
                ---
                information: [one network]
                ---
                locationId: EU6
                blueprints:
                  - voip:
                      ethernet: {name: voip, subnet: 10.77.1.0}
                      nodes:
                        - pbx1:
                            glue:
                              - internet icmp 22 80 443
                              - internet udp:137..138 udp:16384..32768 tcp:8000..8010
                """);
        String any = "0.0.0.0/0";
        assertEquals(List.of(FirewallRule.icmp("pbx1-icmp", any, "pbx1"),
                        new FirewallRule("pbx1-tcp-22", FirewallRule.Protocol.TCP, 22, any, "pbx1"),
                        new FirewallRule("pbx1-tcp-80", FirewallRule.Protocol.TCP, 80, any, "pbx1"),
                        new FirewallRule("pbx1-tcp-443", FirewallRule.Protocol.TCP, 443, any, "pbx1"),
                        new FirewallRule("pbx1-udp-137-138", FirewallRule.Protocol.UDP, 137, 138, any, "pbx1"),
                        new FirewallRule("pbx1-udp-16384-32768", FirewallRule.Protocol.UDP, 16384, 32768, any, "pbx1"),
                        new FirewallRule("pbx1-tcp-8000-8010", FirewallRule.Protocol.TCP, 8000, 8010, any, "pbx1")),
                Firewalls.rules(plan, plan.facilities().get(0), "voip", State.empty(plan.name())));
        assertEquals(List.of(PortRange.tcp(22), PortRange.tcp(80), PortRange.tcp(443), PortRange.udp(137, 138),
                        PortRange.udp(16384, 32768), new PortRange(FirewallRule.Protocol.TCP, 8000, 8010)),
                Firewalls.forwarded(plan.node("pbx1").orElseThrow()), "the public address forwards TCP and UDP");
    }
}
