package io.plumbery.runtime.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Mount points made in a provisioned root filesystem (a private copy of the image's), before any mount: every
 * component of the path becomes a real directory, a link or file of the image there is replaced, so that a mount on
 * {@code rootfs/path}, which the kernel resolves on the host, lands where the container will see it.
 */
public final class Rootfs {
    private Rootfs() {
    }

    /** A real directory at {@code relative} (e.g. {@code mnt/mesos/sandbox}). */
    public static Path directory(Path rootfs, String relative) throws IOException {
        Path p = rootfs;
        for (String part : InRoot.clean(relative).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p = p.resolve(part);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                LayerUnpacker.deleteTree(p);
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
        return p;
    }

    /** A real, regular file at {@code relative} (e.g. {@code etc/resolv.conf}), kept if it is one already. */
    public static Path file(Path rootfs, String relative) throws IOException {
        String clean = InRoot.clean(relative);
        int slash = clean.lastIndexOf('/');
        Path dir = slash < 0 ? rootfs : directory(rootfs, clean.substring(0, slash));
        Path f = dir.resolve(clean.substring(slash + 1));
        if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            LayerUnpacker.deleteTree(f);
        }
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(f);
        }
        return f;
    }
}
