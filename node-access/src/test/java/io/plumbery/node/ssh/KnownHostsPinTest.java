package io.plumbery.node.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KnownHostsPinTest {

    @TempDir
    Path dir;

    static final String OLD = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6BfXfpzDKstcZzh0JV8xSzOj/VzwYg9c+hu1yMd1Xy";
    static final String NEW = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHTDZl3mOvXtXXIEhNjrbUhMfHnTj7Cht3Rur+QNyfrM";

    @Test
    void aRebuiltNodeReplacesItsPinAndADestroyedOneIsForgotten() {
        KnownHosts hosts = new KnownHosts(dir.resolve("known_hosts"));
        hosts.pin(new SshEndpoint("10.77.3.10", 22, "u", OLD + " root@node2"));
        hosts.pin(new SshEndpoint("10.77.3.11", 2222, "u", NEW));
        assertEquals(Optional.of(OLD), hosts.pinned("10.77.3.10", 22));
        hosts.pin(new SshEndpoint("10.77.3.10", 22, "u", NEW));
        assertEquals(Optional.of(NEW), hosts.pinned("10.77.3.10", 22), "the provider's newer key wins");
        hosts.forget("10.77.3.10", 22);
        assertEquals(Optional.empty(), hosts.pinned("10.77.3.10", 22));
        assertEquals(Optional.of(NEW), hosts.pinned("10.77.3.11", 2222), "other hosts are kept");
        hosts.pin(new SshEndpoint("10.77.3.12", 22, "u", null));
        assertEquals(Optional.empty(), hosts.pinned("10.77.3.12", 22), "no key reported: nothing pinned");
    }

    @Test
    void theFileIsTheOwnersOnlyFromTheStart() throws Exception {
        KnownHosts hosts = new KnownHosts(dir.resolve("plan/known_hosts"));
        hosts.pin(new SshEndpoint("10.77.3.10", 22, "u", OLD));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.file().getParent())));
        hosts.forget("10.77.3.10", 22);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.file())));
    }
}
