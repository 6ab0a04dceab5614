package io.plumbery.fittings;

import io.plumbery.fittings.load.NameRanges;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameRangesTest {

    @Test
    void plainNameIsItself() {
        assertEquals(List.of("master1"), NameRanges.expand("master1"));
    }

    @Test
    void rangesExpandWithPrefixSuffixAndPadding() {
        assertEquals(List.of("node1", "node2", "node3"), NameRanges.expand("node[1..3]"));
        assertEquals(List.of("mesos-master-01", "mesos-master-02", "mesos-master-03"),
                NameRanges.expand("mesos-master-0[1..3]"));
        assertEquals(List.of("web1_na12", "web2_na12"), NameRanges.expand("web[1..2]_na12"));
        assertEquals(List.of("db08", "db09", "db10"), NameRanges.expand("db[08..10]"));
        assertEquals(List.of("solo7"), NameRanges.expand("solo[7..7]"));
        assertEquals(1000, NameRanges.expand("n[1..1000]").size());
    }

    @Test
    void badRangesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameRanges.expand("n[3..1]"))
                .getMessage().contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameRanges.expand("n[1..2]x[1..2]"))
                .getMessage().contains("one range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameRanges.expand("n[1..3"))
                .getMessage().contains("unbalanced"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameRanges.expand("n[1..1001]"))
                .getMessage().contains("at most 1000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameRanges.expand("n[1,2]"))
                .getMessage().contains("[FIRST..LAST]"));
    }
}
