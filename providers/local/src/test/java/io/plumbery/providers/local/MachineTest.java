package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MachineTest {

    @Test
    void nodeSpecRoundTripDefaultsToNspawn(@TempDir Path tmp) throws Exception {
        Machine m = new Machine(tmp.resolve("n1"));
        m.writeSpec(new Machine.Spec("n1", "web", "pb-abcdef-0123", "10.77.1.0/24", "10.77.1.10", "pabcdef0123",
                "pabcdef0123-1", 1, 512, Machine.OVERLAY, "/img", "plumbery/p/n1", "", null, null, null));
        Machine.Spec read = m.spec().orElseThrow();
        assertEquals(Machine.NSPAWN, read.kind());
        assertEquals("10.77.1.10", read.address());
        assertEquals(tmp.resolve("n1/upper"), m.disk(read));
        assertFalse(m.running());
    }

    @Test
    void firstBootLetsInThePlanUserOnlyAndKeepsTheSeedPrivate(@TempDir Path tmp) throws Exception {
        Machine m = new Machine(tmp.resolve("n1"));
        Machine.Spec spec = new Machine.Spec("n1", "web", "pb-abcdef-0123", "10.77.1.0/24", "10.77.1.10", "pabcdef0123",
                "pabcdef0123-1", 1, 512, Machine.COPY, "/img", "plumbery/p/n1", "", Machine.NSPAWN, null, null);
        m.writeFirstBoot(spec, "instance-id: i\n", "#cloud-config\n", 24, "plumbery-admin", "ssh-ed25519 AAAA k");
        Path disk = m.disk(spec);
        assertFalse(Files.exists(disk.resolve("root/.ssh/authorized_keys")), "root gets no key");
        assertEquals("PermitRootLogin no\n", Files.readString(disk.resolve(Machine.SSHD_DROP_IN)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                disk.resolve("var/lib/cloud/seed/nocloud/user-data"))));
    }
}
