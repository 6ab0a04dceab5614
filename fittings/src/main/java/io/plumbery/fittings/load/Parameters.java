package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Parameter;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{ parameter.NAME }}} in plan text at load time. Other placeholders are left alone:
 * their values exist only after build.
 */
final class Parameters {

    // \s as Python's re (plumbery's) has it: real plans have a no-break space inside the braces
    static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*parameter\\.([A-Za-z0-9_\\-]+)\\s*\\}\\}",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Parameter> declared;
    private final Source source;

    Parameters(Map<String, Parameter> declared, Source source) {
        this.declared = Map.copyOf(declared);
        this.source = source;
    }

    Source source() {
        return source;
    }

    Map<String, Parameter> declared() {
        return declared;
    }

    /** {@code text} with every parameter placeholder replaced; problems reported at {@code where}. */
    String substitute(String text, Node where) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Parameter parameter = declared.get(name);
            String value;
            if (parameter == null) {
                source.error(where, "unknown parameter '" + name + "'" + Suggestions.hint(name, declared.keySet())
                        + "; declared: " + (declared.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(declared.keySet()))));
                value = m.group();
            } else if (parameter.value() == null) {
                source.error(where, "parameter '" + name + "' has no value: give one with -P " + name
                        + "=VALUE or in a --parameters file");
                value = m.group();
            } else {
                value = parameter.value();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
