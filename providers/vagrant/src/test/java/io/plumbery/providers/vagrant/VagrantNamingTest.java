package io.plumbery.providers.vagrant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VagrantNamingTest {

    @Test
    void namesCarryThePlanAndFitTheirLimits() {
        VagrantNaming n = new VagrantNaming("vagrant-3");
        assertTrue(n.container("master1").matches("plumbery-vagrant_3_[0-9a-f]{6}-master1"), n.container("master1"));
        assertTrue(n.container("master1").matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+"), "a valid Docker name");
        assertTrue(n.dockerNetwork("vagrant-3-local-trio").startsWith("plumbery-" + n.slug() + "-"));
        assertEquals(14, n.bridge("vagrant-3-local-trio").length(), "IFNAMSIZ allows 15");
        assertTrue(n.bridge("x").startsWith("pv-"), "not the local provider's pb- bridges");
        assertTrue(n.chain("vagrant-3-local-trio").length() <= 28, "iptables chain names are at most 28");
        assertEquals("label=io.plumbery.plan=vagrant-3", n.planFilter());
    }

    @Test
    void aChainNamesItsBridge() {
        VagrantNaming n = new VagrantNaming("p");
        String chain = n.chain("net");
        assertTrue(chain.startsWith(n.chainPrefix()));
        assertEquals(n.bridge("net"), n.bridgeOfChain(chain));
    }

    @Test
    void differentPlansAndNetworksGetDifferentNames() {
        VagrantNaming a = new VagrantNaming("alpha");
        VagrantNaming b = new VagrantNaming("beta");
        assertNotEquals(a.container("n1"), b.container("n1"));
        assertNotEquals(a.bridge("net"), b.bridge("net"));
        assertNotEquals(a.bridge("net1"), a.bridge("net2"));
        assertNotEquals(a.chainPrefix(), b.chainPrefix());
        assertEquals(a.container("n1"), new VagrantNaming("alpha").container("n1"), "stable");
    }
}
