package io.plumbery.fittings.model;

import java.util.List;

/**
 * A plan parameter. {@code value} is the one in force after defaults, {@code --parameters} files and
 * {@code -P} options; {@code origin} says which of them gave it, for {@code plan} output.
 */
public record Parameter(String name, List<String> information, String type, String defaultValue, String value,
                        Origin origin) {

    public enum Origin { DEFAULT, FILE, COMMAND_LINE }

    public Parameter {
        information = List.copyOf(information);
    }
}
