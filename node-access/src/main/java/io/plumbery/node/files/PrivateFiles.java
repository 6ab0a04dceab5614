package io.plumbery.node.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan's files, readable by their owner only: directories made 0700 and files made 0600 as they are created
 * (never opened wider and narrowed afterwards, which would leave a window in which others can read them), for
 * the state, the SSH key pair, known hosts, secrets and the providers' records.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Makes {@code dir} and its missing parents with mode 0700; existing directories are left as they are. */
    public static Path directories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return Files.createDirectories(dir, dirAttribute());
    }

    /**
     * Makes {@code dir} as {@link #directories} does, and narrows it to 0700 when it exists wider: for a
     * directory that only plumbery writes (a plan's own), made by an earlier version.
     */
    public static Path ownDirectory(Path dir) throws IOException {
        directories(dir);
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIR)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        }
        return dir;
    }

    /** Writes {@code content} to a new file made 0600 ({@code file} is replaced if it exists). */
    public static void writeNew(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.write(Files.createFile(file, fileAttribute()), content);
    }

    /**
     * Writes {@code text} to {@code file} (made with its parents, replaced if it exists) with {@code mode}
     * ({@code rw-------}) from its creation: the umask may only narrow it, and the exact mode is set after.
     */
    public static void write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, permissions);
    }

    /** Appends a line to {@code file}, made 0600 when it does not exist yet. */
    public static void appendLine(Path file, String line) throws IOException {
        try (FileChannel out = open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(StandardCharsets.UTF_8.encode(line + "\n"));
        }
    }

    /** Replaces the lines of {@code file}, made 0600 when it does not exist yet. */
    public static void writeLines(Path file, List<String> lines) throws IOException {
        try (FileChannel out = open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(lines.isEmpty() ? "" : String.join("\n", lines) + "\n"));
        }
    }

    /** Opens {@code file} with {@code options}, creating it 0600 when it does not exist. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> all = new HashSet<>(List.of(options));
        all.add(StandardOpenOption.CREATE);
        return FileChannel.open(file, all, fileAttribute());
    }

    private static FileAttribute<Set<PosixFilePermission>> dirAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR);
    }

    private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
