package io.plumbery.fittings;

import io.plumbery.fittings.load.CloudConfigMerge;
import io.plumbery.fittings.load.PlanSubnet;
import io.plumbery.net.Subnet;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetAndMergeTest {

    @Test
    void plumberySubnetsAreSlash24() {
        Subnet s = PlanSubnet.parse("10.0.0.0");
        assertEquals("10.0.0.0/24", s.toString());
        assertEquals("10.0.0.1", s.host(1));
        assertEquals(254, s.lastHost());
        assertEquals("10.77.0.0/16", PlanSubnet.parse("10.77.3.9/16").toString(), "host bits are cleared");
    }

    @Test
    void overlapIsDecidedByTheShorterPrefix() {
        assertTrue(PlanSubnet.parse("10.77.0.0/16").overlaps(PlanSubnet.parse("10.77.200.0")));
        assertFalse(PlanSubnet.parse("10.77.1.0").overlaps(PlanSubnet.parse("10.77.2.0")));
        assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1.0/33"));
        assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1"));
    }

    @Test
    void planSubnetReasonsAreWordedForThePlan() {
        assertEquals("'10.77.1.0/24/8' is not a subnet like 10.0.0.0 or 10.0.0.0/24",
                assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1.0/24/8")).getMessage());
        assertEquals("'x' is not a prefix length",
                assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1.0/x")).getMessage());
        assertEquals("prefix /31 is not between /8 and /30",
                assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1.0/31")).getMessage());
        assertEquals("'10.77.1' is not an IPv4 address",
                assertThrows(IllegalArgumentException.class, () -> PlanSubnet.parse("10.77.1/40")).getMessage(),
                "the address is checked before the prefix");
    }

    @Test
    void cloudConfigMergeAppendsListsAndMergesMaps() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("packages", List.of("ntp"));
        base.put("hostname", "base");
        base.put("apt", Map.of("proxy", "p", "sources", Map.of("a", 1)));
        Map<String, Object> overlay = new LinkedHashMap<>();
        overlay.put("packages", List.of("curl"));
        overlay.put("hostname", "node");
        overlay.put("apt", Map.of("sources", Map.of("b", 2)));
        overlay.put("disable_root", null);
        Map<String, Object> merged = CloudConfigMerge.merge(base, overlay);
        assertEquals(List.of("ntp", "curl"), merged.get("packages"));
        assertEquals("node", merged.get("hostname"));
        assertEquals(Map.of("proxy", "p", "sources", Map.of("a", 1, "b", 2)), merged.get("apt"));
        assertTrue(merged.containsKey("disable_root"));
        assertEquals(List.of("packages", "hostname", "apt", "disable_root"), List.copyOf(merged.keySet()));
    }
}
