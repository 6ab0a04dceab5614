package io.plumbery.node.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrivateFilesTest {

    @Test
    void directoriesAndFilesAreTheOwnersOnly(@TempDir Path dir) throws Exception {
        Path deep = PrivateFiles.directories(dir.resolve("a/b"));
        assertEquals("rwx------", mode(dir.resolve("a")));
        assertEquals("rwx------", mode(deep));
        PrivateFiles.writeNew(deep.resolve("f"), "x".getBytes());
        assertEquals("rw-------", mode(deep.resolve("f")));
        PrivateFiles.appendLine(deep.resolve("g"), "one");
        PrivateFiles.appendLine(deep.resolve("g"), "two");
        assertEquals("one\ntwo\n", Files.readString(deep.resolve("g")));
        assertEquals("rw-------", mode(deep.resolve("g")));
        PrivateFiles.writeLines(deep.resolve("g"), List.of("three"));
        assertEquals("three\n", Files.readString(deep.resolve("g")));
        PrivateFiles.write(deep.resolve("seed/user-data"), "#cloud-config\n", "rw-------");
        assertEquals("rw-------", mode(deep.resolve("seed/user-data")));
        PrivateFiles.write(deep.resolve("seed/user-data"), "#cloud-config\n", "rw-r--r--");
        assertEquals("rw-r--r--", mode(deep.resolve("seed/user-data")), "the exact mode asked for");
    }

    @Test
    void anOwnDirectoryOfAnEarlierVersionIsNarrowedAnotherIsLeftAlone(@TempDir Path dir) throws Exception {
        Path own = Files.createDirectory(dir.resolve("own"));
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.ownDirectory(own);
        PrivateFiles.directories(other);
        assertEquals("rwx------", mode(own));
        assertEquals("rwxr-xr-x", mode(other));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
