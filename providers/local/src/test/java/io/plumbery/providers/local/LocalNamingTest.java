package io.plumbery.providers.local;

import io.plumbery.providers.host.Naming.Names;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalNamingTest {

    @Test
    void namesAreStableAndFitInterfaceNames() {
        LocalNaming a = naming("local-3");
        LocalNaming b = naming("local-3");
        assertEquals(a.bridge("local-3/web"), b.bridge("local-3/web"));
        assertEquals(14, a.bridge("local-3/web").length());
        assertTrue(a.bridge("local-3/web").startsWith(a.bridgePrefix()));
        assertTrue(a.bridge("x").length() <= 15);
        assertTrue(("vb-" + a.machine("a-very-long-node-name-indeed")).length() <= 15);
        assertTrue(("vb-" + a.machine("n")).startsWith(a.vethPrefix()));
    }

    @Test
    void differentPlansAndNetworksGetDifferentNames() {
        LocalNaming a = naming("alpha");
        LocalNaming b = naming("beta");
        assertNotEquals(a.bridgePrefix(), b.bridgePrefix());
        assertNotEquals(a.bridge("n1"), a.bridge("n2"));
        assertNotEquals(a.nftTable(), b.nftTable());
        assertNotEquals(a.machine("web"), b.machine("web"));
    }

    @Test
    void samePlanInAnotherFolderSharesNoName() {
        LocalNaming a = new LocalNaming(Names.of("web", Path.of("/srv/a/.plumbery/web/local")));
        LocalNaming b = new LocalNaming(Names.of("web", Path.of("/srv/b/.plumbery/web/local")));
        assertNotEquals(a.nftTable(), b.nftTable());
        assertNotEquals(a.bridgePrefix(), b.bridgePrefix());
        assertNotEquals(a.machine("web1"), b.machine("web1"));
        assertNotEquals(a.cgroupRoot(), b.cgroupRoot());
        assertNotEquals(a.acceptTag(), b.acceptTag());
        assertNotEquals(a.vethPrefix(), b.vethPrefix());
    }

    @Test
    void tableAndCgroupCarryTheSlugWithTheHash() {
        LocalNaming n = naming("local3");
        assertEquals("plumbery_local3_" + n.planHash(), n.nftTable());
        assertEquals("plumbery/local3_" + n.planHash() + "/web", n.cgroup("web"));
    }

    @Test
    void aPlanOfAnEarlierVersionKeepsItsNames() {
        LocalNaming old = new LocalNaming(Names.legacy("local3"));
        assertEquals("plumbery_local3", old.nftTable());
        assertEquals("plumbery/local3/web", old.cgroup("web"));
    }

    private static LocalNaming naming(String plan) {
        return new LocalNaming(Names.of(plan, Path.of("/srv/project/.plumbery", plan, "local")));
    }
}
