package io.plumbery.fittings;

import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.PortRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code glue: internet ...} with ICMP, UDP and port ranges, as plumbery's firewall rules have them. */
class GlueRulesTest {

    static Plan plan(String name) {
        LoadResult result = FittingsLoader.load(Path.of("src/test/resources/features", name), List.of());
        assertEquals(List.of(), result.diagnostics(), name);
        return result.plan().orElseThrow();
    }

    @Test
    void everyWordOfAnInternetLineIsARule() {
        Node media1 = plan("glue-rules.yaml").node("media1").orElseThrow();
        assertEquals(List.of("icmp", "tcp:22", "tcp:80", "tcp:443", "udp:137..138", "tcp:8000..8010",
                "udp:16384..32768", "tcp:8443"), media1.internetRules().stream().map(PortRule::toString).toList(),
                "in the plan's order, tcp:22 once");
        assertEquals(new PortRule(PortRule.Protocol.UDP, 137, 138), media1.internetRules().get(4));
    }

    @Test
    void aWholeRangeIsOneRule() {
        Node media2 = plan("glue-rules.yaml").node("media2").orElseThrow();
        assertEquals(List.of("tcp:22", "udp:1..65535"), media2.internetRules().stream().map(PortRule::toString).toList());
        assertTrue(media2.hasPublicAddress());
    }

    @Test
    void aRuleHoldsOnlyRealPorts() {
        assertThrows(IllegalArgumentException.class, () -> new PortRule(PortRule.Protocol.TCP, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PortRule(PortRule.Protocol.UDP, 10, 9));
        assertThrows(IllegalArgumentException.class, () -> new PortRule(PortRule.Protocol.ICMP, 1, 1));
    }
}
