package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Plans for engine tests, written to a file and read as the CLI reads them. */
final class Plans {

    private Plans() {
    }

    static Plan read(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("fittings.yaml");
        Files.writeString(file, yaml);
        LoadResult loaded = FittingsLoader.load(file, List.of());
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        return loaded.plan().orElseThrow();
    }
}
