package io.plumbery.runtime.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one gzipped tar layer of an image made offline (the cluster's own images, made from files of the node's
 * base system): entries owned by root, with the modes given. {@link #close()} gives the layer's blob digest and its
 * {@code diff_id} (the digest of the uncompressed tar, which the image config lists).
 */
public final class LayerWriter implements AutoCloseable {
    private final Path blob;
    private final MessageDigest compressed = Digest.sha256();
    private final MessageDigest uncompressed = Digest.sha256();
    private final TarArchiveOutputStream tar;
    private Layer written;

    /** A written layer: its blob file, digests, and compressed size. */
    public record Layer(Path blob, Digest digest, Digest diffId, long size) {
    }

    public LayerWriter(Path blob) throws IOException {
        this.blob = blob;
        OutputStream file = new DigestOutputStream(Files.newOutputStream(blob), compressed);
        this.tar = new TarArchiveOutputStream(new DigestOutputStream(new GZIPOutputStream(file), uncompressed));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    public LayerWriter directory(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        e.setMode(040000 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    public LayerWriter file(String name, Path source, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(Files.size(source));
        tar.putArchiveEntry(e);
        Files.copy(source, tar);
        tar.closeArchiveEntry();
        return this;
    }

    public LayerWriter file(String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    public LayerWriter symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    /**
     * Everything under {@code dir} as entries under {@code prefix} (empty for the image's root): directories, files
     * and symlinks with their modes, as the deploy makes an image from a directory of the node base image. Owners are
     * not kept (all root's, as in any image made offline); sockets, FIFOs and devices are left out.
     */
    public LayerWriter tree(String prefix, Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted().toList();
        }
        for (Path p : paths) {
            String relative = dir.relativize(p).toString();
            String name = prefix.isEmpty() ? relative : relative.isEmpty() ? prefix : prefix + "/" + relative;
            if (name.isEmpty()) {
                continue;
            }
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            if (Files.isSymbolicLink(p)) {
                symlink(name, Files.readSymbolicLink(p).toString());
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                directory(name, mode);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                file(name, p, mode);
            }
        }
        return this;
    }

    /** A character device node, as images made from a system's {@code /dev} carry them. */
    public LayerWriter device(String name, int major, int minor, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(020000 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    /** Finishes the layer (once); the digests of what was written. */
    public Layer layer() throws IOException {
        close();
        return written;
    }

    @Override
    public void close() throws IOException {
        if (written == null) {
            tar.close();
            written = new Layer(blob, new Digest("sha256", HexFormat.of().formatHex(compressed.digest())),
                    new Digest("sha256", HexFormat.of().formatHex(uncompressed.digest())), Files.size(blob));
        }
    }
}
