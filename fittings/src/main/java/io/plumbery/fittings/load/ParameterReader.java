package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Parameter;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code parameters:} of the global document, with values from defaults, a parameters file and
 * {@code -P}, in rising precedence; values are checked against the declared {@code type}.
 */
final class ParameterReader {

    private static final List<String> KEYS = List.of("information", "description", "type", "default");
    private static final Pattern RANGE = Pattern.compile("\\[?\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*\\]?");

    private ParameterReader() {
    }

    static Map<String, Parameter> read(YamlMap global, List<ParameterInput> inputs) {
        Source source = global.source();
        Substitutions none = global.substitutions();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        global.value("parameters").flatMap(v -> YamlMap.of(v, source, none, "'parameters'")).ifPresent(params ->
                params.values().forEach((name, node) -> YamlMap.of(node, source, none, "parameter '" + name + "'")
                        .ifPresent(p -> {
                            p.allowOnly(KEYS);
                            List<String> info = p.strings("information");
                            String type = p.value("type").map(ParameterReader::typeText).orElse("str");
                            String def = p.string("default").orElse(null);
                            p.value("default").ifPresent(d -> checkType(source, d, name, def, type));
                            declared.put(name, new Parameter(name, info, type, def, def, Parameter.Origin.DEFAULT));
                        })));
        for (ParameterInput input : inputs) {
            Parameter p = declared.get(input.name());
            if (p == null) {
                String message = "the plan declares no parameter '" + input.name() + "'"
                        + Suggestions.hint(input.name(), declared.keySet());
                if (input.where() == null) {
                    source.diagnostics().error(null, input.given() + ": " + message);
                } else {
                    source.diagnostics().error(input.where(), message);
                }
                continue;
            }
            typeError(p.type(), input.value()).ifPresent(reason -> source.diagnostics().error(input.where(),
                    (input.where() == null ? input.given() + ": " : "")
                            + "parameter '" + input.name() + "' " + reason));
            declared.put(p.name(), new Parameter(p.name(), p.information(), p.type(), p.defaultValue(), input.value(),
                    input.origin()));
        }
        return declared;
    }

    private static String typeText(Node type) {
        if (type instanceof SequenceNode seq && seq.getValue().size() == 1
                && seq.getValue().get(0) instanceof ScalarNode s) {
            return "[" + s.getValue() + "]";
        }
        return type instanceof ScalarNode s ? s.getValue() : "any";
    }

    /**
     * A default that does not fit its type is a warning: plumbery used it as it is, and real plans have such
     * defaults. A value given with {@code -P} or {@code --parameters} must fit.
     */
    private static void checkType(Source source, Node at, String name, String value, String type) {
        if (value != null) {
            typeError(type, value).ifPresent(reason -> source.warning(at, "default of parameter '" + name + "' "
                    + reason + "; it is used as it is unless -P or --parameters gives another value"));
        }
    }

    /** Why {@code value} does not fit {@code type}, or empty. Types other than ranges, int and bool are free text. */
    static Optional<String> typeError(String type, String value) {
        Matcher range = RANGE.matcher(type);
        if (range.matches()) {
            long low = Long.parseLong(range.group(1));
            long high = Long.parseLong(range.group(2));
            try {
                long n = Long.parseLong(value.trim());
                return n < low || n > high
                        ? Optional.of("is " + n + "; it must be between " + low + " and " + high)
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number between " + low + " and " + high + ", not '" + value + "'");
            }
        }
        if (type.equals("int") || type.equals("integer")) {
            try {
                Long.parseLong(value.trim());
                return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number, not '" + value + "'");
            }
        }
        if (type.equals("bool") && !value.matches("(?i)true|false|yes|no")) {
            return Optional.of("must be true or false, not '" + value + "'");
        }
        return Optional.empty();
    }
}
