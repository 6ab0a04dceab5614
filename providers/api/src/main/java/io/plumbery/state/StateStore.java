package io.plumbery.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plumbery.node.files.PrivateFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The state file of one plan, held under an exclusive lock for as long as the store is open.
 *
 * <p>Every {@link #save} writes a temporary file, forces it to disk and renames it over the old one,
 * so a crash at any moment leaves either the old or the new state, never half of one.
 */
public final class StateStore implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private State current;

    private StateStore(Path file, FileChannel lockChannel, FileLock lock, State current) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.current = current;
    }

    /** Locks and reads the state at {@code file}, or starts an empty one for {@code plan}. */
    public static StateStore open(Path file, String plan) throws StateException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            PrivateFiles.directories(file.toAbsolutePath().getParent());
            channel = PrivateFiles.open(lockFile, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new StateLockedException(lockFile, holder.isEmpty() ? "unknown process" : holder);
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
            return new StateStore(file, channel, lock, read(file, plan));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateException("cannot open state " + file + ": " + e.getMessage(), e);
        } catch (StateException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM, through another store
        }
    }

    /** Reads a state without locking it, for views that only look. */
    public static State peek(Path file, String plan) throws StateException {
        return read(file, plan);
    }

    private static State read(Path file, String plan) throws StateException {
        if (!Files.exists(file)) {
            return State.empty(plan);
        }
        try {
            State state = JSON.readValue(file.toFile(), State.class);
            if (state.format() != State.FORMAT) {
                throw new StateException(file + ": state format " + state.format() + " is not supported (expected "
                        + State.FORMAT + ")");
            }
            return state;
        } catch (IOException e) {
            throw new StateException("cannot read state " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized State current() {
        return current;
    }

    /**
     * Applies {@code change} to the current state and saves the result, as one step: parallel workers
     * each recording their own node cannot lose each other's records.
     */
    public synchronized State update(java.util.function.UnaryOperator<State> change) throws StateException {
        State next = change.apply(current);
        save(next);
        return next;
    }

    /** Writes {@code state} durably and makes it current. An empty state removes the file. */
    public synchronized void save(State state) throws StateException {
        try {
            if (state.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.deleteIfExists(temp);
                try (FileChannel out = PrivateFiles.open(temp, StandardOpenOption.WRITE)) {
                    out.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                    out.force(true);
                }
                move(temp, file);
            }
            current = state;
        } catch (IOException e) {
            throw new StateException("cannot write state " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The JSON form of a state, as written to disk; for {@code information --json}. */
    public static String toJson(State state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        // The lock file stays: deleting it would let a third process lock a new file while a second
        // still holds the old one. The OS drops the lock itself when a process dies, so it is never stale.
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
