package io.plumbery.providers.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbery.node.files.PrivateFiles;
import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A provider's own records of a plan on this host: JSON files written atomically, in a directory whose lock is
 * held against other threads and other processes. What the providers of this host keep between calls.
 */
public final class RecordDir {

    public interface Locked<T> {
        T run() throws ProviderException, IOException;
    }

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file whose OS lock stands for the directory's. */
    static final String LOCK = ".lock";

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final String owner;

    /** @param owner who keeps these records, for messages: {@code the local provider} */
    public RecordDir(Path dir, String owner) {
        this.dir = dir;
        this.owner = owner;
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code body} holding the directory's lock, against other threads and other processes. */
    public <T> T locked(Locked<T> body) throws ProviderException {
        ReentrantLock lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new ReentrantLock());
        lock.lock();
        try {
            PrivateFiles.directories(dir);
            try (FileChannel channel = PrivateFiles.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes, or when this process dies
                return body.run();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProviderException("state of " + owner + " in " + dir + ": " + e.getMessage(), false, e);
        } finally {
            lock.unlock();
        }
    }

    public static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), type));
    }

    public static void write(Path file, Object value) throws IOException {
        PrivateFiles.directories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        PrivateFiles.writeNew(tmp, JSON.writeValueAsBytes(value));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every {@code *.json} record in {@code sub}, in file name order; none when it does not exist. */
    public static <T> List<T> readAll(Path sub, Class<T> type) throws IOException {
        List<T> all = new ArrayList<>();
        if (!Files.isDirectory(sub)) {
            return all;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sub, "*.json")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            all.add(JSON.readValue(f.toFile(), type));
        }
        return all;
    }
}
