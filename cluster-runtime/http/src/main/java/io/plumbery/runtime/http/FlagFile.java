package io.plumbery.runtime.http;

import java.nio.file.Path;

/** A flag naming a file as Mesos's flags do: a path, or a {@code file://} URL. */
public final class FlagFile {
    private static final String SCHEME = "file://";

    private FlagFile() {
    }

    /** The file a flag names; null for an absent flag. */
    public static Path of(String flag) {
        if (flag == null || flag.isBlank()) {
            return null;
        }
        return Path.of(flag.startsWith(SCHEME) ? flag.substring(SCHEME.length()) : flag);
    }
}
