package io.plumbery.bootstrap.cloudconfig;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudConfigDocumentTest {

    @Test
    void theTextIsTheDocumentUnderAHeaderAndItsChecksumFollowsIt() {
        CloudConfigDocument doc = CloudConfigDocument.of("web", "web1", Map.of("runcmd", List.of("echo hi")));

        assertEquals("""
                #cloud-config
                # plan web, node web1: applied by plumbery polish with cloud-init, module by module
                runcmd:
                  - echo hi
                """, doc.text());
        assertEquals(64, doc.sha256().length());
        assertEquals(doc.sha256(), CloudConfigDocument.of("web", "web1", Map.of("runcmd", List.of("echo hi"))).sha256());
        assertNotEquals(doc.sha256(), CloudConfigDocument.of("web", "web2", Map.of("runcmd", List.of("echo hi"))).sha256(),
                "another node's document, another mark");
        assertNotEquals(doc.sha256(), CloudConfigDocument.of("web", "web1", Map.of("runcmd", List.of("echo ho"))).sha256());
    }

    @Test
    void hostKeysStayWheneverTheSshModuleRuns() {
        CloudConfigDocument keys = CloudConfigDocument.of("p", "n", Map.of("ssh_authorized_keys", List.of("ssh-ed25519 AAAA")));
        CloudConfigDocument asked = CloudConfigDocument.of("p", "n", Map.of("ssh_deletekeys", true));

        assertEquals(false, keys.content().get("ssh_deletekeys"));
        assertEquals(false, asked.content().get("ssh_deletekeys"), "the plan's known_hosts pins them");
        assertFalse(CloudConfigDocument.of("p", "n", Map.of("runcmd", List.of())).content().containsKey("ssh_deletekeys"));
    }

    @Test
    void whatTheEngineAsksOfIt() {
        CloudConfigDocument doc = CloudConfigDocument.of("p", "n", Map.of(
                "packages", List.of("htop", List.of("libc6", "2.36")),
                "users", List.of("default", Map.of("name", "plumbery-admin", "sudo", false)),
                "power_state", Map.of("mode", "reboot"), "final_message", "done"));

        assertEquals(List.of("htop", "libc6"), doc.packages());
        assertTrue(doc.redefinesUser("plumbery-admin"));
        assertFalse(doc.redefinesUser("alice"));
        assertEquals(List.of("final_message", "power_state"), doc.unappliedKeys().stream().sorted().toList());
        assertTrue(CloudConfigDocument.of("p", "n", Map.of()).isEmpty());
    }
}
