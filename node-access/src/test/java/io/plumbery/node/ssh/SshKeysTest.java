package io.plumbery.node.ssh;

import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshKeysTest {

    @Test
    void generatesAnEd25519PairThatSshjReadsWithMode0600(@TempDir Path state) throws Exception {
        Path dir = state.resolve("mesos-3x3").resolve("keys");
        SshIdentity identity = SshKeys.ensure(dir, "ops");

        assertEquals(dir.resolve("id_ed25519"), identity.privateKey());
        assertEquals("ops", identity.user());
        assertTrue(identity.publicKey().matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ plumbery@keys"),
                identity.publicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(identity.privateKey())));
        assertTrue(Files.readString(identity.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));

        OpenSSHKeyV1KeyFile keyFile = new OpenSSHKeyV1KeyFile();
        keyFile.init(identity.privateKey().toFile());
        assertTrue(identity.publicKey().startsWith(SshKeys.publicLine(keyFile.getPublic()) + " "));
        keyFile.getPrivate();
    }

    @Test
    void reusesExistingKeysAndRestoresTheirMode(@TempDir Path dir) throws Exception {
        SshIdentity first = SshKeys.ensure(dir);
        String privateKey = Files.readString(first.privateKey());
        Files.setPosixFilePermissions(first.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));

        SshIdentity second = SshKeys.ensure(dir);

        assertEquals(first, second);
        assertEquals(privateKey, Files.readString(second.privateKey()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(second.privateKey())));
        assertEquals(SshKeys.DEFAULT_LOGIN_USER, second.user());
    }

    @Test
    void rewritesAMissingPublicKeyAndRefusesAMismatchedOne(@TempDir Path dir) throws Exception {
        SshIdentity first = SshKeys.ensure(dir);
        Files.delete(dir.resolve("id_ed25519.pub"));
        assertEquals(first.publicKey().substring(0, first.publicKey().lastIndexOf(' ')), SshKeys.ensure(dir).publicKey());

        Path other = Files.createDirectory(dir.resolve("other"));
        Files.copy(SshKeys.ensure(other).privateKey().resolveSibling("id_ed25519.pub"), dir.resolve("id_ed25519.pub"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SshKeys.ensure(dir));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }
}
