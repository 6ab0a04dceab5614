package io.plumbery.providers.host;

import io.plumbery.node.ssh.SshIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A fresh ed25519 key pair for one integration test, made with ssh-keygen in its work directory (made too). */
public final class TestKeys {

    private TestKeys() {
    }

    public static SshIdentity fresh(Path work) throws Exception {
        Path key = Files.createDirectories(work).resolve("id_ed25519");
        Files.deleteIfExists(key);
        Files.deleteIfExists(work.resolve("id_ed25519.pub"));
        Exec.check(Duration.ofSeconds(30), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        return new SshIdentity(key, Files.readString(work.resolve("id_ed25519.pub")).trim(), "plumbery");
    }
}
