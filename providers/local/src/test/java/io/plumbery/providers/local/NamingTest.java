package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamingTest {

    @Test
    void namesAreStableAndFitInterfaceNames() {
        Naming a = new Naming("local-3");
        Naming b = new Naming("local-3");
        assertEquals(a.bridge("local-3/web"), b.bridge("local-3/web"));
        assertEquals(14, a.bridge("local-3/web").length());
        assertTrue(a.bridge("local-3/web").startsWith(a.bridgePrefix()));
        assertTrue(a.bridge("x").length() <= 15);
        assertTrue(("vb-" + a.machine("a-very-long-node-name-indeed")).length() <= 15);
        assertTrue(("vb-" + a.machine("n")).startsWith(a.vethPrefix()));
    }

    @Test
    void differentPlansAndNetworksGetDifferentNames() {
        Naming a = new Naming("alpha");
        Naming b = new Naming("beta");
        assertNotEquals(a.bridgePrefix(), b.bridgePrefix());
        assertNotEquals(a.bridge("n1"), a.bridge("n2"));
        assertNotEquals(a.nftTable(), b.nftTable());
        assertNotEquals(a.machine("web"), b.machine("web"));
    }

    @Test
    void slugKeepsSimpleNamesAndHashesOthers() {
        assertEquals("plumbery_local3", new Naming("local3").nftTable());
        assertEquals("plumbery/local3/web", new Naming("local3").cgroup("web"));
        String slug = new Naming("Local-3").slug();
        assertTrue(slug.matches("local_3_[0-9a-f]{6}"), slug);
        assertNotEquals(new Naming("local_3").slug(), new Naming("local-3").slug());
        assertTrue(new Naming("x".repeat(100)).slug().length() <= 32 + 7);
    }

    @Test
    void nodeNamesMustBeHostNames() {
        Naming.checkNodeName("web-1");
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("Web_1"));
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("-web"));
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new Naming(" "));
    }

    @Test
    void fileKeysAreSafe() {
        String key = Naming.fileKey("plan/blue print:1");
        assertTrue(key.matches("[a-z0-9._-]+"), key);
        assertNotEquals(Naming.fileKey("a/b"), Naming.fileKey("a:b"));
    }
}
