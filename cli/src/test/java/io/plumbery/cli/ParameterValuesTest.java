package io.plumbery.cli;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.load.ParameterInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterValuesTest {

    @Test
    void valuesComeFromFilesAndTheEnvironmentWithoutShowingInMessages(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("a dir/token $(x).txt");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "s3cr3t value\n");
        Map<String, String> commandLine = new LinkedHashMap<>();
        commandLine.put("token", "@" + secret);
        commandLine.put("at", "@@home");
        commandLine.put("size", "4");
        Diagnostics problems = new Diagnostics();
        List<ParameterInput> inputs = ParameterValues.of(Map.of("PLUMBERY_PARAM_password", "from env", "HOME", "/root",
                "PLUMBERY_PARAM_", "nothing"), commandLine, problems);
        assertEquals(0, problems.errorCount());
        assertEquals(List.of("password=from env", "token=s3cr3t value", "at=@home", "size=4"),
                inputs.stream().map(i -> i.name() + "=" + i.value()).toList(), "the environment first: -P wins");
        assertEquals("PLUMBERY_PARAM_password", inputs.get(0).given());
        assertEquals("-P token=@" + secret, inputs.get(1).given(), "the file is named, not its content");
        assertEquals("-P size=4", inputs.get(3).given());
    }

    @Test
    void anUnreadableFileIsAnErrorThatNamesIt(@TempDir Path dir) {
        Diagnostics problems = new Diagnostics();
        List<ParameterInput> inputs = ParameterValues.of(Map.of(), Map.of("token", "@" + dir.resolve("missing")),
                problems);
        assertTrue(inputs.isEmpty());
        String message = problems.list().stream().map(Diagnostic::format).findFirst().orElse("");
        assertTrue(message.contains("-P token=@" + dir.resolve("missing") + ": cannot read the value of parameter "
                + "'token'"), message);
        assertFalse(problems.list().isEmpty());
    }
}
