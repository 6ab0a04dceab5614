package io.plumbery.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files under {@code src/test/resources/golden/}. To regenerate them after an intended change:
 * {@code mvn -B verify -Dgolden.update=true} from {@code bootstrap-templates/}, then review the diff.
 */
public final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(file), "golden file " + file + " is missing; create it with -Dgolden.update=true");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    "output differs from " + file + " (if intended: mvn -B verify -Dgolden.update=true, then review)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
