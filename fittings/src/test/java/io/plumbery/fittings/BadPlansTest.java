package io.plumbery.fittings;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One bad plan per file under src/test/resources/bad/; each states the diagnostics it must produce in
 * {@code # expect: LINE:COLUMN: error: message} comments, exactly and in order.
 */
class BadPlansTest {

    static final Path DIR = Path.of("src/test/resources/bad");

    static Stream<Path> plans() throws IOException {
        return plans(DIR);
    }

    /** The fixtures of a folder, by name. */
    static Stream<Path> plans(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void reportsExactlyTheExpectedDiagnostics(Path plan) throws IOException {
        List<String> expected = expected(plan);
        LoadResult result = FittingsLoader.load(plan, List.of());
        assertEquals(expected, result.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(result.plan().isEmpty(), "no plan is returned when there are errors");
    }

    /** The diagnostics a fixture states in its {@code # expect: LINE:COLUMN: ...} lines, in order. */
    static List<String> expected(Path plan) throws IOException {
        List<String> expected = Files.readAllLines(plan).stream()
                .filter(l -> l.startsWith("# expect: "))
                .map(l -> plan + ":" + l.substring("# expect: ".length()))
                .toList();
        assertFalse(expected.isEmpty(), plan + " states no expectation");
        return expected;
    }

    @org.junit.jupiter.api.Test
    void atLeastTwentyCases() throws IOException {
        assertTrue(plans().count() >= 20);
    }
}
