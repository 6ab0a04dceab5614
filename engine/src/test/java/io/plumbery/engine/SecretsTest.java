package io.plumbery.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretsTest {

    @Test
    void secretsAreKeptTheSameAndReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve(".plumbery/web");
        String value = Secrets.in(plan).get("db");
        assertEquals(value, Secrets.in(plan).get("db"), "the same on every run");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan.resolve("secrets.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan.getParent())));
    }
}
