package io.plumbery.providers.host;

import io.plumbery.providers.host.Naming.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamingTest {

    private static final Path A = Path.of("/srv/a/.plumbery/web/local");
    private static final Path B = Path.of("/srv/b/.plumbery/web/local");

    @Test
    void legacySlugKeepsSimpleNamesAndHashesOthers() {
        assertEquals("local3", Names.legacy("local3").slug());
        String slug = Names.legacy("Local-3").slug();
        assertTrue(slug.matches("local_3_[0-9a-f]{6}"), slug);
        assertNotEquals(Names.legacy("local_3").slug(), Names.legacy("local-3").slug());
        assertTrue(Names.legacy("x".repeat(100)).slug().length() <= 32 + 7);
        assertEquals(Naming.hash("alpha", 6), Names.legacy("alpha").hash());
        assertEquals("alpha", Names.legacy("alpha").key());
    }

    @Test
    void namesCarryTheHashOfTheStateDirectory() {
        Names a = Names.of("web", A);
        assertEquals(a, Names.of("web", A), "stable");
        assertEquals(a, Names.of("web", Path.of("/srv/a/.plumbery/web/../web/local")), "of the normalised path");
        assertNotEquals(a.hash(), Names.of("web", B).hash());
        assertNotEquals(a.slug(), Names.of("web", B).slug());
        assertNotEquals(a.key(), Names.of("web", B).key());
        assertNotEquals(a.hash(), Names.of("api", A).hash());
        assertEquals(6, a.hash().length());
        assertEquals("web_" + a.hash(), a.slug());
        assertTrue(Names.of("Web Site!", A).slug().matches("web_site__[0-9a-f]{6}"));
        assertTrue(Names.of("x".repeat(100), A).slug().length() <= 32 + 7);
    }

    @Test
    void newPlansTakeNewNamesAndRecordedOnesAreReadBack(@TempDir Path dir) throws Exception {
        Path records = Naming.recordsDir(dir, "web");
        assertEquals(Names.of("web", dir), Naming.resolve(records, "web", dir), "nothing recorded: new names");
        PlanRecords plan = new PlanRecords(records, "the test");
        plan.locked(() -> {
            plan.recordNames(Names.of("web", dir));
            plan.putNetwork(new PlanRecords.NetworkSpec("net", "pb-x", "10.77.1.0/24"));
            return null;
        });
        Path moved = dir.resolve("elsewhere");
        assertEquals(Names.of("web", dir), Naming.resolve(records, "web", moved), "recorded names win");
    }

    @Test
    void recordsOfAnEarlierVersionKeepTheirNames(@TempDir Path dir) throws Exception {
        Path records = Naming.recordsDir(dir, "web");
        Files.createDirectories(records.resolve("nodes").resolve("web1"));
        assertEquals(Names.legacy("web"), Naming.resolve(records, "web", dir));
    }

    @Test
    void namesGoWithTheLastRecord(@TempDir Path dir) throws Exception {
        Path records = Naming.recordsDir(dir, "web");
        PlanRecords plan = new PlanRecords(records, "the test");
        plan.locked(() -> {
            plan.recordNames(Names.of("web", dir));
            plan.putNetwork(new PlanRecords.NetworkSpec("net", "pb-x", "10.77.1.0/24"));
            plan.forgetNetwork("net");
            plan.removeIfEmpty();
            return null;
        });
        assertTrue(Files.notExists(records), "nothing of the plan is left");
    }

    @Test
    void nodeNamesMustBeHostNames() {
        Naming.checkNodeName("web-1");
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("Web_1"));
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("-web"));
        assertThrows(IllegalArgumentException.class, () -> Naming.checkNodeName("../etc"));
        assertThrows(IllegalArgumentException.class, () -> Names.of(" ", A));
    }

    @Test
    void fileKeysAreSafe() {
        String key = Naming.fileKey("plan/blue print:1");
        assertTrue(key.matches("[a-z0-9._-]+"), key);
        assertNotEquals(Naming.fileKey("a/b"), Naming.fileKey("a:b"));
    }
}
