package io.plumbery.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetTest {

    @Test
    void addressesOfASlash24() {
        Subnet s = Subnet.parse("10.77.1.0/24");
        assertEquals("10.77.1.1", s.host(1));
        assertEquals("10.77.1.10", s.host(10));
        assertEquals(254, s.lastHost());
        assertEquals("10.77.1.254", s.host(254));
        assertThrows(IllegalArgumentException.class, () -> s.host(255));
        assertThrows(IllegalArgumentException.class, () -> s.host(0));
        assertEquals(12, s.hostNumber("10.77.1.12"));
        assertThrows(IllegalArgumentException.class, () -> s.hostNumber("10.77.2.12"));
        assertTrue(s.contains("10.77.1.200"));
        assertFalse(s.contains("10.77.2.1"));
        assertEquals("10.77.1.0/24", s.toString());
    }

    @Test
    void widerAndNarrowerSubnets() {
        Subnet wide = Subnet.parse("10.77.0.0/16");
        assertEquals("10.77.1.0", wide.host(256));
        Subnet narrow = Subnet.parse("10.77.9.16/28");
        assertEquals("10.77.9.17", narrow.host(1));
        assertEquals(14, narrow.lastHost());
        assertTrue(wide.overlaps(narrow));
        assertTrue(narrow.overlaps(wide));
        assertFalse(Subnet.parse("10.77.1.0/24").overlaps(Subnet.parse("10.77.2.0/24")));
        assertEquals(0, Subnet.parse("10.77.1.1/32").lastHost());
        assertEquals(Integer.MAX_VALUE, Subnet.parse("0.0.0.0/0").lastHost());
    }

    @Test
    void containingClearsHostBits() {
        assertEquals("10.77.0.0/16", Subnet.containing(Subnet.parseAddress("10.77.3.9"), 16).toString());
        assertEquals(Subnet.parse("10.77.3.0/24"), Subnet.containing(Subnet.parseAddress("10.77.3.255"), 24));
    }

    @Test
    void rejectsWhatIsNotASubnet() {
        assertEquals("subnet 10.77.1.5/24 has host bits set; did you mean 10.77.1.0/24?",
                assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.5/24")).getMessage());
        assertEquals("subnet '10.77.1.0' is not in CIDR form (e.g. 10.77.1.0/24)",
                assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0")).getMessage());
        assertEquals("subnet '10.77.1.0/x' has no valid prefix length",
                assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0/x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.77.1.0/33"));
        assertEquals("'10.777.1.0' is not an IPv4 address",
                assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.777.1.0/24")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("a.b.c.d/24"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parseAddress("10.77.1"));
    }

    @Test
    void masksAndFormats() {
        assertEquals(0, Subnet.mask(0));
        assertEquals("255.255.255.0", Subnet.format(Subnet.mask(24)));
        assertEquals("255.255.255.255", Subnet.format(Subnet.mask(32)));
        assertEquals("192.168.3.4", Subnet.format(Subnet.parseAddress("192.168.3.4")));
    }
}
