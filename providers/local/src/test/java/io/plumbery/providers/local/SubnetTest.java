package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetTest {

    @Test
    void addressesOfASlash24() {
        Subnet s = Subnet.parse("10.77.1.0/24");
        assertEquals("10.77.1.1", s.hostAddress());
        assertEquals("10.77.1.10", s.address(Subnet.FIRST_NODE));
        assertEquals(254, s.lastHost());
        assertEquals("10.77.1.254", s.address(254));
        assertThrows(IllegalArgumentException.class, () -> s.address(255));
        assertEquals(12, s.hostNumber("10.77.1.12"));
        assertTrue(s.contains("10.77.1.200"));
        assertFalse(s.contains("10.77.2.1"));
        assertEquals("10.77.1.0/24", s.toString());
    }

    @Test
    void widerAndNarrowerSubnets() {
        Subnet wide = Subnet.parse("10.77.0.0/16");
        assertEquals("10.77.1.0", wide.address(256));
        Subnet narrow = Subnet.parse("10.77.9.16/28");
        assertEquals("10.77.9.17", narrow.hostAddress());
        assertEquals(14, narrow.lastHost());
        assertTrue(wide.overlaps(narrow));
        assertTrue(narrow.overlaps(wide));
        assertFalse(Subnet.parse("10.77.1.0/24").overlaps(Subnet.parse("10.77.2.0/24")));
    }

    @Test
    void rejectsWhatIsNotASubnet() {
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.5/24"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0/30"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.777.1.0/24"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("a.b.c.d/24"));
    }

    @Test
    void publicAddressIsTheLoopbackTwinOfThePrivateOne() {
        assertEquals("127.77.1.12", Subnet.publicAddressFor("10.77.1.12"));
        assertEquals("127.168.3.4", Subnet.publicAddressFor("192.168.3.4"));
    }
}
