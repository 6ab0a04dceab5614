package io.plumbery.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    @TempDir
    Path dir;

    private final LayerUnpacker unpacker = new LayerUnpacker(false);

    @Test
    void aWhiteoutDeletesWhatALowerLayerPutThere() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer("l1", t -> t.dir("etc").file("etc/a", "a").file("etc/b", "b")), rootfs);
        unpacker.apply(layer("l2", t -> t.file("etc/.wh.a", "")), rootfs);

        assertThat(rootfs.resolve("etc/a")).doesNotExist();
        assertThat(rootfs.resolve("etc/b")).hasContent("b");
        assertThat(rootfs.resolve("etc/.wh.a")).doesNotExist();
    }

    @Test
    void anOpaqueDirectoryKeepsOnlyItsOwnLayersEntries() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer("l1", t -> t.dir("data").file("data/old", "old").dir("data/sub").file("data/sub/x", "x")),
                rootfs);
        unpacker.apply(layer("l2", t -> t.dir("data").file("data/new", "new").file("data/.wh..wh..opq", "")), rootfs);

        assertThat(rootfs.resolve("data/new")).hasContent("new");
        assertThat(rootfs.resolve("data/old")).doesNotExist();
        assertThat(rootfs.resolve("data/sub")).doesNotExist();
    }

    @Test
    void anUpperEntryReplacesALowerOneOfAnotherKind() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer("l1", t -> t.dir("x").file("x/inner", "i").file("y", "file")), rootfs);
        unpacker.apply(layer("l2", t -> t.file("x", "now a file").dir("y")), rootfs);

        assertThat(rootfs.resolve("x")).hasContent("now a file");
        assertThat(rootfs.resolve("y")).isDirectory();
    }

    @Test
    void dotDotInANameIsRefused() throws Exception {
        Path rootfs = dir.resolve("deep/rootfs");
        assertThatThrownBy(() -> unpacker.apply(layer("bad", t -> t.file("../escaped", "x")), rootfs))
                .hasMessageContaining("escapes the root filesystem");
        assertThat(dir.resolve("deep/escaped")).doesNotExist();
    }

    @Test
    void symlinksOfTheImageAreFollowedInsideTheRootNeverOnTheHost() throws Exception {
        Path rootfs = dir.resolve("deep/rootfs");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        unpacker.apply(layer("l1", t -> t.symlink("abs", outside.toString()).symlink("up", "../../..")
                .symlink("hostroot", "/")), rootfs);
        unpacker.apply(layer("l2", t -> t.file("abs/planted", "a").file("up/planted2", "b")
                .file("hostroot/planted3", "c")), rootfs);

        assertThat(outside.resolve("planted")).doesNotExist();
        assertThat(rootfs.resolve(outside.toString().substring(1)).resolve("planted")).hasContent("a");
        assertThat(rootfs.resolve("planted2")).hasContent("b");
        assertThat(rootfs.resolve("planted3")).hasContent("c");
        assertThat(Files.isSymbolicLink(rootfs.resolve("abs"))).isTrue();
    }

    @Test
    void aHardLinkMustNameAFileOfTheRoot() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Path secret = Files.writeString(dir.resolve("secret"), "host");
        unpacker.apply(layer("l1", t -> t.symlink("hostroot", "/")), rootfs);
        assertThatThrownBy(() -> unpacker.apply(layer("l2", t -> t.hardlink("stolen", "hostroot" + secret)), rootfs))
                .hasMessageContaining("no file of the root filesystem");

        unpacker.apply(layer("l3", t -> t.file("real", "mine").hardlink("alias", "real")), rootfs);
        assertThat(rootfs.resolve("alias")).hasContent("mine");
    }

    @Test
    void aNonRootUnpackerSkipsDeviceNodes() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer("l1", t -> t.dir("dev").device("dev/sda", 8, 0).file("dev/readme", "r")), rootfs);

        assertThat(Files.exists(rootfs.resolve("dev/sda"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(rootfs.resolve("dev/readme")).hasContent("r");
    }

    @Test
    void modesAreKept() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer("l1", t -> t.dir("bin").file("bin/tool", "#!/bin/sh\n")), rootfs);
        assertThat(Files.isExecutable(rootfs.resolve("bin/tool"))).isTrue();
    }

    @Test
    void aLayerWrittenFromADirectoryUnpacksToTheSameTree() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source/usr/bin"));
        Files.writeString(source.resolve("tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(source.resolve("tool"), "unix:mode", 0750);
        Files.createSymbolicLink(dir.resolve("source/usr/link"), Path.of("bin/tool"));
        LayerWriter.Layer layer;
        try (LayerWriter w = new LayerWriter(dir.resolve("tree.tar.gz"))) {
            layer = w.tree("opt/app", dir.resolve("source")).layer();
        }
        Path rootfs = dir.resolve("rootfs");
        unpacker.apply(layer.blob(), rootfs);

        assertThat(rootfs.resolve("opt/app/usr/bin/tool")).hasContent("#!/bin/sh\necho tool");
        assertThat(Files.getAttribute(rootfs.resolve("opt/app/usr/bin/tool"), "unix:mode")).isEqualTo(0100750);
        assertThat(Files.readSymbolicLink(rootfs.resolve("opt/app/usr/link"))).isEqualTo(Path.of("bin/tool"));
        assertThat(Digest.ofFile(layer.blob())).isEqualTo(layer.digest());
    }

    // a tiny tar builder for the cases above

    interface Content {
        void write(Tar tar) throws IOException;
    }

    static final class Tar {
        private final TarArchiveOutputStream out;

        Tar(TarArchiveOutputStream out) {
            this.out = out;
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name + "/");
            e.setMode(040755);
            put(e, null);
            return this;
        }

        Tar file(String name, String content) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(0100755);
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            e.setSize(bytes.length);
            put(e, bytes);
            return this;
        }

        Tar symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            e.setLinkName(target);
            put(e, null);
            return this;
        }

        Tar hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
            e.setLinkName(target);
            put(e, null);
            return this;
        }

        Tar device(String name, int major, int minor) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_BLK);
            e.setDevMajor(major);
            e.setDevMinor(minor);
            e.setMode(060660);
            put(e, null);
            return this;
        }

        private void put(TarArchiveEntry e, byte[] content) throws IOException {
            out.putArchiveEntry(e);
            if (content != null) {
                out.write(content);
            }
            out.closeArchiveEntry();
        }
    }

    private Path layer(String name, Content content) throws IOException {
        Path file = dir.resolve(name + ".tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            content.write(new Tar(out));
        }
        return file;
    }
}
