package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalNamingTest {

    @Test
    void namesAreStableAndFitInterfaceNames() {
        LocalNaming a = new LocalNaming("local-3");
        LocalNaming b = new LocalNaming("local-3");
        assertEquals(a.bridge("local-3/web"), b.bridge("local-3/web"));
        assertEquals(14, a.bridge("local-3/web").length());
        assertTrue(a.bridge("local-3/web").startsWith(a.bridgePrefix()));
        assertTrue(a.bridge("x").length() <= 15);
        assertTrue(("vb-" + a.machine("a-very-long-node-name-indeed")).length() <= 15);
        assertTrue(("vb-" + a.machine("n")).startsWith(a.vethPrefix()));
    }

    @Test
    void differentPlansAndNetworksGetDifferentNames() {
        LocalNaming a = new LocalNaming("alpha");
        LocalNaming b = new LocalNaming("beta");
        assertNotEquals(a.bridgePrefix(), b.bridgePrefix());
        assertNotEquals(a.bridge("n1"), a.bridge("n2"));
        assertNotEquals(a.nftTable(), b.nftTable());
        assertNotEquals(a.machine("web"), b.machine("web"));
    }

    @Test
    void tableAndCgroupCarryTheSlug() {
        assertEquals("plumbery_local3", new LocalNaming("local3").nftTable());
        assertEquals("plumbery/local3/web", new LocalNaming("local3").cgroup("web"));
    }
}
