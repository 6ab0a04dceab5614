package io.plumbery.runtime.election;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code --zk} or {@code --master} value given as {@code file:///path}: the file holds the real value, as Mesos's
 * flags read it, so that a ZooKeeper URL with credentials never shows on a command line.
 */
public final class FlagFile {
    private static final String SCHEME = "file://";

    private FlagFile() {
    }

    /** The file's content (trimmed) for a {@code file://} value, else the value itself. */
    public static String resolve(String value) {
        if (value == null || !value.startsWith(SCHEME)) {
            return value;
        }
        Path file;
        try {
            file = Path.of(URI.create(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a file URL: " + value, e);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the flag's value from " + file + ": " + e.getMessage(), e);
        }
    }
}
