package io.plumbery.fittings;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Parameter;
import io.plumbery.fittings.model.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans that plumbery took as they are, though doubtful: one per file under src/test/resources/warnings/, each
 * with the warnings it must produce in {@code # expect:} comments; the plan is returned all the same.
 */
class WarningPlansTest {

    static final Path DIR = Path.of("src/test/resources/warnings");

    static Stream<Path> plans() throws IOException {
        return BadPlansTest.plans(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void warnsAndReturnsThePlan(Path plan) throws IOException {
        LoadResult result = FittingsLoader.load(plan, List.of());
        assertEquals(BadPlansTest.expected(plan), result.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(result.ok(), "warnings do not stop a plan");
    }

    @Test
    void theLaterOfTwoEqualKeysCounts() {
        Plan plan = FittingsLoader.load(DIR.resolve("duplicate-key.yaml"), List.of()).plan().orElseThrow();
        assertEquals(4, plan.node("web1").orElseThrow().cpu().count());
    }

    @Test
    void aMappingsOwnKeyCountsOverAMergedOneQuietly() {
        Plan plan = GlueRulesTest.plan("merge-keys.yaml"); // asserts that there is no diagnostic
        assertEquals(2, plan.node("web2").orElseThrow().cpu().count());
        assertEquals(2, plan.node("web2").orElseThrow().memoryGb());
    }

    @Test
    void aDefaultOutOfItsRangeIsUsedButAGivenValueMustFit() {
        Path file = DIR.resolve("parameter-default-out-of-range.yaml");
        Plan plan = FittingsLoader.load(file, List.of()).plan().orElseThrow();
        assertEquals("64", plan.parameters().get("cpuPerNode").value());
        LoadResult given = FittingsLoader.load(file, List.of(
                new ParameterInput("cpuPerNode", "64", Parameter.Origin.COMMAND_LINE, null)));
        assertEquals(List.of("error: -P cpuPerNode=64: parameter 'cpuPerNode' is 64; it must be between 1 and 32"),
                given.errors().stream().map(Diagnostic::format).toList());
        assertTrue(FittingsLoader.load(file, List.of(
                new ParameterInput("cpuPerNode", "8", Parameter.Origin.COMMAND_LINE, null))).ok());
    }

    @Test
    void plumberysPrepareBackupAndBasementAreInThePlan() {
        Plan plan = FittingsLoader.load(DIR.resolve("not-acted-on.yaml"), List.of()).plan().orElseThrow();
        var bastion = plan.node("bastion").orElseThrow();
        assertEquals(List.of("run prepare.update.sh", "put motd.txt /etc/motd"), bastion.prepare());
        assertEquals("essentials", bastion.backup());
        assertEquals(List.of("admin"), plan.facilities().get(0).basement());
        assertEquals(List.of(), plan.node("win1").orElseThrow().prepare());
    }
}
