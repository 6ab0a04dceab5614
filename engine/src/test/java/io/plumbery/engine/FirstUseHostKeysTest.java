package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.StateStore;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstUseHostKeysTest {

    /** What web1 presents; its fingerprint as ssh-keygen -lf prints it: 256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg. */
    static final String WEB1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHl9lxhZIXMoVx3GBl89xUZoExdR+0py4+VWS0yo7me8";
    static final String WEB2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA7tTl/fXpivz2lFOP1+uhzat7phiVxBJtmp3+qjbkff";

    @TempDir
    Path dir;

    @Test
    void aKeyTrustedOnFirstUseIsSaidWithItsFingerprintAndRecorded() throws Exception {
        KnownHosts knownHosts = new KnownHosts(dir.resolve("known_hosts"));
        SshEndpoint web1 = new SshEndpoint("203.0.113.10", 22, "plumbery", null);
        SshEndpoint web2 = new SshEndpoint("203.0.113.11", 22, "plumbery", WEB2);
        try (StateStore store = StateStore.open(dir.resolve("state.json"), "demo")) {
            store.update(s -> s.withNode("node.web1", placed("web1", web1)).withNode("node.web2", placed("web2", web2)));
            FirstUseHostKeys firstUse = FirstUseHostKeys.before(store.current(), knownHosts);
            // the bootstrap's first connections: web1 trusted on first use, web2 checked against its console's key
            assertTrue(knownHosts.verifierFor(web1).verify(web1.host(), 22, publicKey(WEB1)));
            assertTrue(knownHosts.verifierFor(web2).verify(web2.host(), 22, publicKey(WEB2)));
            List<String> notes = new ArrayList<>();
            firstUse.report(store, notes::add);

            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).startsWith("node web1: SSH host key of 203.0.113.10:22 TRUSTED ON FIRST USE (the "
                    + "provider showed none): 256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg no comment "
                    + "(ED25519); compare it with the node's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)"),
                    notes.get(0));
            assertEquals("256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg no comment (ED25519), trusted on "
                    + "first use", store.current().nodes().get("node.web1").record().attributes().get("hostKey"));
            assertEquals(null, store.current().nodes().get("node.web2").record().attributes().get("hostKey"));

            notes.clear();
            FirstUseHostKeys.before(store.current(), knownHosts).report(store, notes::add);
            assertEquals(List.of(), notes, "said once: the key is pinned from then on");
        }
    }

    private static Placed<NodeRecord> placed(String name, SshEndpoint ssh) {
        return new Placed<>("aws-ec2", "f", new NodeRecord("i-" + name, name, "web", NodeStatus.RUNNING, "10.77.3.10",
                ssh.host(), ssh, Map.of()));
    }

    private static PublicKey publicKey(String line) throws Exception {
        return new Buffer.PlainBuffer(Base64.getDecoder().decode(line.split(" ")[1])).readPublicKey();
    }
}
