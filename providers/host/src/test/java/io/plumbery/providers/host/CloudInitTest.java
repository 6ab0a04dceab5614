package io.plumbery.providers.host;

import io.plumbery.providers.SshIdentity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudInitTest {

    private static final SshIdentity ID = new SshIdentity(Path.of("/k"), "ssh-ed25519 AAAAC3Nza plan@x\n", "plumbery");

    @Test
    void emptyUserDataAuthorizesThePlanKeyForUserAndRoot() {
        String ud = CloudInit.userData("", ID);
        assertTrue(ud.startsWith("#cloud-config\n"));
        assertTrue(ud.contains("  - name: \"plumbery\"\n"));
        assertTrue(ud.contains("sudo: \"ALL=(ALL) NOPASSWD:ALL\""));
        assertEquals(2, ud.split("\"ssh-ed25519 AAAAC3Nza plan@x\"", -1).length - 1, ud);
        assertTrue(ud.contains("disable_root: false\n"));
    }

    @Test
    void rootIdentityNeedsNoUser() {
        String ud = CloudInit.userData(null, new SshIdentity(Path.of("/k"), "ssh-ed25519 AAAA", "root"));
        assertFalse(ud.contains("users:"));
        assertTrue(ud.contains("ssh_authorized_keys:\n  - \"ssh-ed25519 AAAA\"\n"));
    }

    @Test
    void planUserDataIsKeptAsIs() {
        String mine = "#cloud-config\nruncmd:\n  - echo hi";
        assertEquals(mine + "\n", CloudInit.userData(mine, ID));
    }

    @Test
    void seedAndNetworkFile() {
        assertEquals("instance-id: \"pabc-1\"\nlocal-hostname: \"web\"\n", CloudInit.metaData("web", "pabc-1"));
        String net = CloudInit.networkFile("10.77.1.10", 24, "10.77.1.1");
        assertTrue(net.contains("Name=host0"));
        assertTrue(net.contains("Address=10.77.1.10/24"));
        assertTrue(net.contains("Gateway=10.77.1.1"), "the host decides what is forwarded");
        assertEquals("\"a\\\"b\\\\c\"", CloudInit.quote("a\"b\\c"));
    }
}
