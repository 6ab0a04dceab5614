package io.plumbery.engine;

import io.plumbery.bootstrap.model.ClusterCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    @Test
    void theClusterCredentialsAreMadeOnceAndApartFromThePlansOwnSecrets(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve(".plumbery/web");
        assertEquals(Optional.empty(), Secrets.in(plan).existingCluster(), "information never makes them");
        String admin = Secrets.in(plan).get("admin");
        ClusterCredentials made = Secrets.in(plan).cluster();
        assertEquals(made, Secrets.in(plan).cluster(), "the same on every run");
        assertEquals(Optional.of(made), Secrets.in(plan).existingCluster());
        assertNotEquals(admin, made.admin(), "{{ admin.secret }} of a plan is not the cluster's admin");
        assertEquals(6, made.all().stream().map(ClusterCredentials.Principal::secret).distinct().count(),
                "one secret each");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan.resolve("secrets.json"))));
    }
}
