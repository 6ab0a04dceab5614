package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualFilesTest {
    @TempDir
    Path dir;
    private Path sandbox;
    private Path secret;
    private VirtualFiles files;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = Files.createDirectories(dir.resolve("runs/r1"));
        Files.writeString(sandbox.resolve("stdout"), "0123456789");
        Files.createDirectories(sandbox.resolve("sub"));
        Files.writeString(sandbox.resolve("sub/inner"), "in");
        secret = Files.writeString(dir.resolve("secret"), "do not serve");
        Path log = Files.writeString(dir.resolve("agent.log"), "log line\n");
        files = new VirtualFiles(() -> Map.of("/sandbox", sandbox, sandbox.toString(), sandbox, "/slave/log", log));
    }

    @Test
    void readsFromAnOffsetUpToALengthAndAlwaysTellsTheSize() throws Exception {
        assertThat(chunk(3, 4L, "/sandbox/stdout")).isEqualTo("3456");
        assertThat(chunk(8, null, "/sandbox/stdout")).isEqualTo("89");
        assertThat(chunk(10, 5L, "/sandbox/stdout")).isEmpty();
        assertThat(chunk(0, 2L, sandbox + "/stdout")).isEqualTo("01");
        VirtualFiles.Chunk sizeOnly = files.read(0, 0L, "/sandbox/stdout");
        assertThat(sizeOnly.size()).isEqualTo(10);
        assertThat(sizeOnly.data()).isEmpty();
        assertThat(chunk(0, null, "/slave/log")).isEqualTo("log line\n");
    }

    @Test
    void oneReadIsCappedAtSixteenPages() throws Exception {
        Files.write(sandbox.resolve("big"), new byte[VirtualFiles.MAX_READ * 2]);

        VirtualFiles.Chunk chunk = files.read(0, null, "/sandbox/big");

        assertThat(chunk.data()).hasSize(VirtualFiles.MAX_READ);
        assertThat(chunk.size()).isEqualTo(VirtualFiles.MAX_READ * 2L);
    }

    @Test
    void browsingListsEntriesByNameAtTheirVirtualPaths() throws Exception {
        assertThat(files.browse("/sandbox/")).extracting(FileInfo::path)
                .containsExactly("/sandbox/stdout", "/sandbox/sub");
        FileInfo sub = files.browse("/sandbox").get(1);
        assertThat(sub.modeString()).startsWith("d").hasSize(10);
        assertThat(files.browse("/sandbox/stdout")).isEmpty();
    }

    @Test
    void dotDotOutOfTheSandboxIsRefusedAsInaccessible() {
        assertRefused("/sandbox/../../secret", FilesError.Type.INVALID);
        assertRefused(sandbox + "/../../secret", FilesError.Type.INVALID);
        assertRefused("/sandbox/sub/../../../secret", FilesError.Type.INVALID);
    }

    @Test
    void dotDotThatStaysInsideIsServed() throws Exception {
        assertThat(chunk(0, null, "/sandbox/sub/../stdout")).isEqualTo("0123456789");
    }

    @Test
    void aSymlinkLeadingOutIsRefusedAndOneLeadingInsideIsFollowed() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("escape"), secret);
        Files.createSymbolicLink(sandbox.resolve("up"), dir);
        Files.createSymbolicLink(sandbox.resolve("alias"), sandbox.resolve("sub/inner"));

        assertRefused("/sandbox/escape", FilesError.Type.INVALID);
        assertRefused("/sandbox/up/secret", FilesError.Type.INVALID);
        assertThatThrownBy(() -> files.browse("/sandbox/up")).isInstanceOf(FilesError.class);
        assertThat(chunk(0, null, "/sandbox/alias")).isEqualTo("in");
    }

    @Test
    void anAbsolutePathUnderNoAttachmentIsNotFound() {
        assertRefused(secret.toString(), FilesError.Type.NOT_FOUND);
        assertRefused("/etc/passwd", FilesError.Type.NOT_FOUND);
        assertRefused(dir.toString(), FilesError.Type.NOT_FOUND);
        assertRefused("/", FilesError.Type.NOT_FOUND);
        assertRefused("/slave/log/../secret", FilesError.Type.NOT_FOUND); // below an attached file
    }

    @Test
    void aSiblingWhoseNameStartsLikeTheSandboxIsNotInside() throws Exception {
        Path sibling = Files.createDirectories(dir.resolve("runs/r1-other"));
        Files.writeString(sibling.resolve("x"), "x");

        assertRefused("/sandbox/../r1-other/x", FilesError.Type.INVALID);
    }

    @Test
    void aDirectoryCannotBeRead() {
        assertRefused("/sandbox/sub", FilesError.Type.INVALID);
    }

    @Test
    void modesReadAsLsWritesThem() {
        assertThat(new FileInfo("/x", 1, 0, 0, 0100644, "root", "root").modeString()).isEqualTo("-rw-r--r--");
        assertThat(new FileInfo("/x", 1, 0, 0, 040755, "root", "root").modeString()).isEqualTo("drwxr-xr-x");
        assertThat(new FileInfo("/x", 1, 0, 0, 0120777, "root", "root").modeString()).isEqualTo("lrwxrwxrwx");
    }

    private void assertRefused(String path, FilesError.Type type) {
        assertThatThrownBy(() -> files.read(0, null, path)).isInstanceOfSatisfying(FilesError.class,
                e -> assertThat(e.type()).isEqualTo(type));
    }

    private String chunk(long offset, Long length, String path) throws FilesError {
        return new String(files.read(offset, length, path).data(), StandardCharsets.UTF_8);
    }
}
