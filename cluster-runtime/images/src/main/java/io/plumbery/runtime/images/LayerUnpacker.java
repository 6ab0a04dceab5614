package io.plumbery.runtime.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one layer (a tar, gzipped or not) onto a root filesystem, as Docker's and Mesos's copy backend do: entries
 * replace what the lower layers left, {@code .wh.NAME} deletes NAME, {@code .wh..wh..opq} empties its directory of
 * what lower layers put there. No entry reaches outside the root: {@code ..} in a name is refused, and symlinks met on
 * the way (those of lower layers too) are followed inside the root, never on the host. Owners and device nodes are
 * kept only when the agent is root (a non-root agent cannot make them; it skips device nodes).
 */
public final class LayerUnpacker {
    private static final Logger LOG = LoggerFactory.getLogger(LayerUnpacker.class);
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final boolean root;

    public LayerUnpacker(boolean root) {
        this.root = root;
    }

    /** An unpacker that keeps owners and device nodes when this process runs as root. */
    public static LayerUnpacker forThisProcess() {
        return new LayerUnpacker("root".equals(System.getProperty("user.name")));
    }

    public void apply(Path layer, Path rootfs) throws IOException {
        Files.createDirectories(rootfs);
        Set<Path> ofThisLayer = new HashSet<>();
        List<Runnable> directoryTimes = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(layer))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = InRoot.clean(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals(OPAQUE)) {
                    Path dir = InRoot.resolve(rootfs, parentOf(name));
                    emptyOfLowerLayers(dir, ofThisLayer);
                    continue;
                }
                if (base.startsWith(WHITEOUT)) {
                    String hidden = parentOf(name).isEmpty() ? base.substring(WHITEOUT.length())
                            : parentOf(name) + "/" + base.substring(WHITEOUT.length());
                    deleteTree(InRoot.parentResolved(rootfs, hidden));
                    continue;
                }
                Path target = InRoot.parentResolved(rootfs, name);
                Files.createDirectories(target.getParent());
                ofThisLayer.add(target);
                write(tar, e, target, rootfs);
                if (e.isDirectory()) {
                    FileTime time = FileTime.fromMillis(e.getModTime().getTime());
                    directoryTimes.add(() -> setTime(target, time));
                }
            }
        }
        directoryTimes.forEach(Runnable::run); // after their content, which changes them
    }

    private void write(TarArchiveInputStream tar, TarArchiveEntry e, Path target, Path rootfs) throws IOException {
        boolean keepDirectory = e.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (!keepDirectory && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(target);
        }
        if (e.isDirectory()) {
            if (!keepDirectory) {
                Files.createDirectory(target);
            }
        } else if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            owner(e, target);
            return;
        } else if (e.isLink()) {
            Path existing = InRoot.resolve(rootfs, InRoot.clean(e.getLinkName()));
            if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("Hard link '" + e.getName() + "' to '" + e.getLinkName()
                        + "', which is no file of the root filesystem");
            }
            Files.createLink(target, existing);
            return;
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            if (!node(e, target)) {
                return;
            }
        } else {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
        owner(e, target);
        Files.setAttribute(target, "unix:mode", e.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        if (!e.isDirectory()) {
            setTime(target, FileTime.fromMillis(e.getModTime().getTime()));
        }
    }

    /** A device node or FIFO, made with mknod(1) as root; a non-root agent cannot, and skips it. */
    private boolean node(TarArchiveEntry e, Path target) throws IOException {
        if (!root && !e.isFIFO()) {
            LOG.warn("Skipping device node {}: only a root agent may make one", e.getName());
            return false;
        }
        List<String> argv = new ArrayList<>(List.of("mknod", target.toString(), e.isFIFO() ? "p"
                : e.isCharacterDevice() ? "c" : "b"));
        if (!e.isFIFO()) {
            argv.add(String.valueOf(e.getDevMajor()));
            argv.add(String.valueOf(e.getDevMinor()));
        }
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mknod " + e.getName() + " failed: " + out.strip());
            }
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted making " + e.getName(), ex);
        }
    }

    private void owner(TarArchiveEntry e, Path target) throws IOException {
        if (root) {
            Files.setAttribute(target, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void setTime(Path target, FileTime time) {
        try {
            Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, null, null);
        } catch (IOException e) {
            // a time is no reason to fail a layer
        }
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private static void emptyOfLowerLayers(Path dir, Set<Path> ofThisLayer) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!ofThisLayer.contains(child)) {
                    deleteTree(child);
                }
            }
        }
    }

    /** Deletes a file, link or directory tree without following any link. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setAttribute(d, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS); // read-only dirs of the image
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static InputStream decompressed(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
