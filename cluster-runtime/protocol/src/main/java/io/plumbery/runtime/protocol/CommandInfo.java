package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** mesos.v1.CommandInfo (uris pass through; the command executor does not fetch them yet). */
public record CommandInfo(JsonNode uris, Environment environment, Boolean shell, String value, List<String> arguments,
                          String user) {

    public boolean isShell() {
        return shell == null || shell;
    }

    /** mesos.v1.Environment. */
    public record Environment(List<Variable> variables) {
    }

    public record Variable(String name, String type, String value) {
    }
}
