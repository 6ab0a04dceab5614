package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Parameter;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves in plan text, when the plan loads, what is known then: {@code {{ parameter.NAME }}},
 * {@code {{ environment.NAME }}} (a variable of the shell that runs plumbery) and {@code {{ plumbery.version }}}.
 * Other placeholders are left alone: their values exist only after build.
 */
final class Substitutions {

    // \s as Python's re (plumbery's) has it: real plans have a no-break space inside the braces
    static final Pattern LOAD_TIME = Pattern.compile(
            "\\{\\{\\s*(parameter|environment)\\.([A-Za-z0-9_\\-]+)\\s*\\}\\}|\\{\\{\\s*plumbery\\.version\\s*\\}\\}",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Parameter> declared;
    private final LoadContext context;
    private final Source source;

    Substitutions(Map<String, Parameter> declared, LoadContext context, Source source) {
        this.declared = Map.copyOf(declared);
        this.context = context;
        this.source = source;
    }

    Source source() {
        return source;
    }

    Map<String, Parameter> declared() {
        return declared;
    }

    /** The same placeholders known at load, with the parameters that these declare. */
    Substitutions with(Map<String, Parameter> parameters) {
        return new Substitutions(parameters, context, source);
    }

    /** {@code text} with every placeholder known at load replaced; problems reported at {@code where}. */
    String substitute(String text, Node where) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = LOAD_TIME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) == null) {
                value = context.toolVersion();
            } else if (m.group(1).equals("environment")) {
                value = environment(m.group(2), where);
            } else {
                value = parameter(m.group(2), where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String environment(String name, Node where) {
        String value = context.environment().get(name);
        if (value == null) {
            source.error(where, "environment variable '" + name + "' is not set: plumbery reads it from the shell "
                    + "that runs it (export " + name + "=...)");
        }
        return value;
    }

    private String parameter(String name, Node where) {
        Parameter parameter = declared.get(name);
        if (parameter == null) {
            source.error(where, "unknown parameter '" + name + "'" + Suggestions.hint(name, declared.keySet())
                    + "; declared: " + (declared.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(declared.keySet()))));
            return null;
        }
        if (parameter.value() == null) {
            source.error(where, "parameter '" + name + "' has no value: give one with -P " + name
                    + "=VALUE or in a --parameters file");
        }
        return parameter.value();
    }
}
