package io.plumbery.fittings;

import io.plumbery.fittings.load.CloudConfigMerge;
import io.plumbery.fittings.model.Subnet;
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
        Subnet s = Subnet.parse("10.0.0.0");
        assertEquals("10.0.0.0/24", s.toString());
        assertEquals("10.0.0.1", s.host(1));
        assertEquals(254, s.capacity());
        assertEquals("10.77.0.0/16", Subnet.parse("10.77.3.9/16").toString(), "host bits are cleared");
    }

    @Test
    void overlapIsDecidedByTheShorterPrefix() {
        assertTrue(Subnet.parse("10.77.0.0/16").overlaps(Subnet.parse("10.77.200.0")));
        assertFalse(Subnet.parse("10.77.1.0").overlaps(Subnet.parse("10.77.2.0")));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1"));
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
