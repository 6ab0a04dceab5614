package io.plumbery.providers.vagrant;

import io.plumbery.providers.host.Naming.Names;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VagrantNamingTest {

    @Test
    void namesCarryThePlanAndFitTheirLimits() {
        VagrantNaming n = naming("vagrant-3");
        assertTrue(n.container("master1").matches("plumbery-vagrant_3_" + n.planHash() + "-master1"), n.container("master1"));
        assertTrue(n.container("master1").matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+"), "a valid Docker name");
        assertTrue(n.dockerNetwork("vagrant-3-local-trio").startsWith("plumbery-" + n.slug() + "-"));
        assertEquals(14, n.bridge("vagrant-3-local-trio").length(), "IFNAMSIZ allows 15");
        assertTrue(n.bridge("x").startsWith("pv-"), "not the local provider's pb- bridges");
        assertTrue(n.chain("vagrant-3-local-trio").length() <= 28, "iptables chain names are at most 28");
        assertEquals("label=io.plumbery.plan=vagrant-3@" + n.planHash(), n.planFilter());
        assertEquals("label=io.plumbery.plan=vagrant-3", new VagrantNaming(Names.legacy("vagrant-3")).planFilter(),
                "a plan of an earlier version keeps its label");
    }

    @Test
    void aChainNamesItsBridge() {
        VagrantNaming n = naming("p");
        String chain = n.chain("net");
        assertTrue(chain.startsWith(n.chainPrefix()));
        assertEquals(n.bridge("net"), n.bridgeOfChain(chain));
    }

    @Test
    void differentPlansAndNetworksGetDifferentNames() {
        VagrantNaming a = naming("alpha");
        VagrantNaming b = naming("beta");
        assertNotEquals(a.container("n1"), b.container("n1"));
        assertNotEquals(a.bridge("net"), b.bridge("net"));
        assertNotEquals(a.bridge("net1"), a.bridge("net2"));
        assertNotEquals(a.chainPrefix(), b.chainPrefix());
        assertEquals(a.container("n1"), naming("alpha").container("n1"), "stable");
    }

    @Test
    void samePlanInAnotherFolderGetsOtherNames() {
        VagrantNaming a = new VagrantNaming(Names.of("web", Path.of("/srv/a/.plumbery/web/vagrant")));
        VagrantNaming b = new VagrantNaming(Names.of("web", Path.of("/srv/b/.plumbery/web/vagrant")));
        assertNotEquals(a.container("n1"), b.container("n1"));
        assertNotEquals(a.dockerNetwork("net"), b.dockerNetwork("net"));
        assertNotEquals(a.bridge("net"), b.bridge("net"));
        assertNotEquals(a.chain("net"), b.chain("net"));
        assertNotEquals(a.planFilter(), b.planFilter());
    }

    private static VagrantNaming naming(String plan) {
        return new VagrantNaming(Names.of(plan, Path.of("/srv/project/.plumbery", plan, "vagrant")));
    }
}
