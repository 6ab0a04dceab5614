package io.plumbery.providers.host;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamingTest {

    @Test
    void slugKeepsSimpleNamesAndHashesOthers() {
        assertEquals("local3", new Naming("local3").slug());
        String slug = new Naming("Local-3").slug();
        assertTrue(slug.matches("local_3_[0-9a-f]{6}"), slug);
        assertNotEquals(new Naming("local_3").slug(), new Naming("local-3").slug());
        assertTrue(new Naming("x".repeat(100)).slug().length() <= 32 + 7);
    }

    @Test
    void planHashIsStableAndShort() {
        assertEquals(new Naming("alpha").planHash(), new Naming("alpha").planHash());
        assertNotEquals(new Naming("alpha").planHash(), new Naming("beta").planHash());
        assertEquals(6, new Naming("alpha").planHash().length());
        assertEquals(Naming.hash("alpha", 6), new Naming("alpha").planHash());
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
