package io.plumbery.runtime.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Mesos's files process: files and directories attached at virtual paths, and nothing else, browsed and read. A path
 * resolves through its longest attached prefix; what follows that prefix must still lead inside the attached
 * directory once {@code ..} and symlinks are resolved, or the request is refused (400, "... is inaccessible", as
 * Mesos answers); a path under no attachment is not found (404). The attachments are asked for at each request, so
 * sandboxes come and go with the agent's tasks.
 */
final class VirtualFiles {
    /** Mesos caps one read at 16 pages. */
    static final int MAX_READ = 16 * 4096;

    /** What one read gives: the file's size and the bytes read. */
    record Chunk(long size, byte[] data) {
    }

    private final Supplier<Map<String, Path>> attachments;

    VirtualFiles(Supplier<Map<String, Path>> attachments) {
        this.attachments = attachments;
    }

    /** Virtual path to real path, as {@code /files/debug} shows them. */
    Map<String, Path> attached() {
        return attachments.get();
    }

    /** The entries of a directory sorted by name; a file lists as empty, as in Mesos. */
    List<FileInfo> browse(String virtualPath) throws FilesError {
        Path dir = resolve(virtualPath);
        TreeMap<String, FileInfo> sorted = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    FileInfo.stat(join(virtualPath, name), entry).ifPresent(info -> sorted.put(name, info));
                }
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.copyOf(sorted.values());
    }

    /**
     * Up to {@code length} bytes (all that is left when null, never more than {@link #MAX_READ}) from {@code offset};
     * nothing when the offset is at or past the end. The size is the file's, whatever was read.
     */
    Chunk read(long offset, Long length, String virtualPath) throws FilesError {
        Path file = resolve(virtualPath);
        if (Files.isDirectory(file)) {
            throw new FilesError(FilesError.Type.INVALID, "Cannot read a directory.\n");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long wanted = length == null ? size - offset : length;
            if (offset >= size || wanted == 0) {
                return new Chunk(size, new byte[0]);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(wanted, MAX_READ));
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // a file that grows while it is read is read up to the length asked for
            }
            return new Chunk(size, Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (IOException e) {
            throw new FilesError(FilesError.Type.UNKNOWN, "Failed to open file at '" + file + "': " + e + ".\n");
        }
    }

    /** The real path of a virtual one, confined to the attachment it falls under. */
    Path resolve(String virtualPath) throws FilesError {
        String path = virtualPath.startsWith("file://") ? virtualPath.substring("file://".length()) : virtualPath;
        Map<String, Path> attached = attachments.get();
        List<String> tokens = new ArrayList<>(Arrays.asList(path.replaceAll("/+$", "").split("/", -1)));
        String suffix = "";
        while (!tokens.isEmpty()) {
            Path root = realPath(attached.get(String.join("/", tokens)));
            String last = tokens.remove(tokens.size() - 1);
            if (root == null) {
                suffix = suffix.isEmpty() ? last : last + "/" + suffix;
                continue;
            }
            if (!Files.isDirectory(root)) {
                if (!suffix.isEmpty()) {
                    throw FilesError.notFound(); // a path below an attached file
                }
                return root;
            }
            String joined = root + "/" + suffix;
            Path real;
            try {
                real = Path.of(joined).toRealPath();
            } catch (NoSuchFileException e) {
                throw FilesError.notFound();
            } catch (IOException | InvalidPathException e) {
                throw new FilesError(FilesError.Type.INVALID,
                        "Failed to determine canonical path of '" + joined + "': " + e.getMessage() + ".\n");
            }
            if (!real.startsWith(root)) {
                throw new FilesError(FilesError.Type.INVALID, "'" + joined + "' is inaccessible.\n");
            }
            return real;
        }
        throw FilesError.notFound();
    }

    /** The attachment's real path now; null when it is not attached or no longer exists. */
    private static Path realPath(Path attached) {
        try {
            return attached == null ? null : attached.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static String join(String dir, String name) {
        return dir.replaceAll("/+$", "") + "/" + name;
    }
}
