package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.RuntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The rendered units pass {@code systemd-analyze verify} (skipped where systemd is not installed). */
class UnitFilesVerifyTest {

    @Test
    void renderedUnitsHaveNoUnknownKeysOrBadValues(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze not installed");
        BootstrapPlan plan = Fixtures.mesos3x3();
        NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());
        List<String> units = new ArrayList<>();
        for (var node : List.of(plan.nodes().get(0), plan.nodes().get(3))) {
            for (RenderedFile file : renderer.serviceFiles(plan, node)) {
                if (file.isUnit()) {
                    Path unit = dir.resolve(file.path().substring(file.path().lastIndexOf('/') + 1));
                    Files.writeString(unit, file.content());
                    units.add(unit.toString());
                }
            }
        }
        assertEquals(6, units.size());
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        command.addAll(units);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze finished");
        List<String> complaints = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.contains("is not executable")) // /usr/bin/java absent on this machine
                .toList();
        assertEquals(List.of(), complaints);
    }
}
