package io.plumbery.fittings;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadContext;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Node;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code {{ environment.NAME }}} and {@code {{ plumbery.version }}}: known when the plan loads. */
class LoadTimePlaceholdersTest {

    static final Path PLAN = Path.of("src/test/resources/features/environment.yaml");

    @Test
    void environmentVariablesAndTheVersionAreFilledInWhenThePlanLoads() {
        LoadResult result = FittingsLoader.load(PLAN, List.of(), new LoadContext(
                Map.of("TEAM", "ops", "BOT_TOKEN", "t0k3n", "BOT_ROOM", "#builds"), "9.9.9"));
        assertEquals(List.of(), result.diagnostics());
        Node bot = result.plan().orElseThrow().node("bot1").orElseThrow();
        assertEquals(List.of("deployed by plumbery 9.9.9 for ops"), bot.information());
        Map<?, ?> file = (Map<?, ?>) ((List<?>) bot.cloudConfig().get("write_files")).get(0);
        assertEquals("export BOT_TOKEN=\"t0k3n\"\nexport BOT_ROOM=\"#builds\"\n", file.get("content"));
    }

    @Test
    void everyUnsetVariableIsNamedWhereItIsUsed() {
        LoadResult result = FittingsLoader.load(PLAN, List.of(), new LoadContext(Map.of("TEAM", "ops"), "1"));
        assertFalse(result.ok());
        String hint = " is not set: plumbery reads it from the shell that runs it (export ";
        assertEquals(List.of(
                        PLAN + ":15:28: error: environment variable 'BOT_TOKEN'" + hint + "BOT_TOKEN=...)",
                        PLAN + ":15:28: error: environment variable 'BOT_ROOM'" + hint + "BOT_ROOM=...)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void theVersionIsThisBuildsUnlessTheCallerSaysOtherwise() {
        String version = LoadContext.buildVersion();
        assertTrue(version.matches("\\d+\\.\\d+.*"), version);
        assertEquals(version, LoadContext.ofThisProcess().toolVersion());
        assertEquals(System.getenv(), LoadContext.ofThisProcess().environment());
    }
}
