package io.plumbery.cli;

import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Parameter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameter values of the command line and the environment, in the order in which they win over each other:
 * {@code PLUMBERY_PARAM_<NAME>} variables, then {@code -P NAME=VALUE}. A value that may be a secret need not show
 * in {@code ps}: {@code -P NAME=@FILE} reads it from FILE (one final line break dropped; {@code @@} for a value that
 * starts with {@code @}), and a variable is never on a command line. Messages about such values name where they
 * came from, never the value.
 */
final class ParameterValues {

    static final String ENVIRONMENT_PREFIX = "PLUMBERY_PARAM_";

    private ParameterValues() {
    }

    static List<ParameterInput> of(Map<String, String> environment, Map<String, String> commandLine,
                                   Diagnostics problems) {
        List<ParameterInput> inputs = new ArrayList<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(ENVIRONMENT_PREFIX) && variable.length() > ENVIRONMENT_PREFIX.length()) {
                String name = variable.substring(ENVIRONMENT_PREFIX.length());
                inputs.add(new ParameterInput(name, value, Parameter.Origin.COMMAND_LINE, null, variable));
            }
        });
        commandLine.forEach((name, value) -> {
            if (value.startsWith("@@")) {
                inputs.add(new ParameterInput(name, value.substring(1), Parameter.Origin.COMMAND_LINE, null));
            } else if (value.startsWith("@")) {
                String given = "-P " + name + "=" + value;
                try {
                    String read = Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
                    inputs.add(new ParameterInput(name, read.replaceFirst("\r?\n\\z", ""),
                            Parameter.Origin.COMMAND_LINE, null, given));
                } catch (IOException | RuntimeException e) {
                    problems.error(null, given + ": cannot read the value of parameter '" + name + "' from "
                            + value.substring(1) + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                }
            } else {
                inputs.add(new ParameterInput(name, value, Parameter.Origin.COMMAND_LINE, null));
            }
        });
        return inputs;
    }
}
