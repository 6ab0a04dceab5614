package io.plumbery.fittings.placeholder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plumbery's {@code {{ scope.attribute }}} placeholders. Parameters, environment variables and
 * {@code {{ plumbery.version }}} are replaced when the plan loads; node addresses, secrets and keys once nodes
 * are built. Text in braces without a dot
 * ({@code {{ playbook_dir }}}) belongs to other tools (Ansible, Jinja) and is left as it is.
 */
public final class Placeholders {

    public static final Pattern PATTERN =
            Pattern.compile("\\{\\{\\s*([A-Za-z0-9_\\-]+)\\.([A-Za-z0-9_\\-]+)\\s*\\}\\}",
            Pattern.UNICODE_CHARACTER_CLASS);

    public static final Set<String> NODE_ATTRIBUTES = Set.of("name", "private", "ipv4", "public", "ipv6");

    /** What a balancer's information lines may name: its address and port, known once it exists. */
    public static final List<String> BALANCER_ATTRIBUTES = List.of("ip", "port");

    private static final Map<String, Set<String>> NAMESPACES = Map.of(
            "node", NODE_ATTRIBUTES,
            "rsa_public", Set.of("key", "local"),
            "rsa_private", Set.of("key"),
            "key", Set.of("public", "private"),
            "credentials", Set.of("name", "password"),
            "plumbery", Set.of("version"));

    private Placeholders() {
    }

    /**
     * Why {@code {{ scope.attribute }}} can never get a value in a plan with these nodes, or empty if it can.
     * A named secret ({@code {{ db.secret }}}, {@code {{ secret.db }}}, {@code {{ random.secret }}}) always can.
     */
    public static Optional<String> check(String scope, String attribute, Set<String> nodeNames) {
        String text = "{{ " + scope + "." + attribute + " }}";
        if (attribute.equals("secret") || scope.equals("secret") || scope.equals("random")) {
            return Optional.empty();
        }
        Set<String> attributes = nodeNames.contains(scope) ? NODE_ATTRIBUTES : NAMESPACES.get(scope);
        if (attributes == null) {
            List<String> scopes = new ArrayList<>(nodeNames);
            scopes.addAll(NAMESPACES.keySet());
            String hint = closest(scope, scopes).map(c -> " (did you mean '" + c + "'?)").orElse("");
            return Optional.of("unknown placeholder " + text + ": no node, parameter or secret is named '" + scope
                    + "'" + hint);
        }
        if (!attributes.contains(attribute)) {
            return Optional.of("unknown placeholder " + text + ": '" + scope + "' has "
                    + String.join(", ", new java.util.TreeSet<>(attributes)) + ", not '" + attribute + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> closest(String typed, List<String> candidates) {
        var distance = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
        return candidates.stream().filter(c -> distance.apply(c, typed) <= Math.max(1, typed.length() / 3))
                .min(java.util.Comparator.comparingInt(c -> distance.apply(c, typed)));
    }

    /** {@code text} with every placeholder that has a value replaced; the others are listed in {@code missing}. */
    public static String resolve(String text, Lookup lookup, List<String> missing) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = lookup.value(m.group(1), m.group(2));
            if (value.isEmpty()) {
                missing.add(m.group().replaceAll("\\s+", " "));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The same tree (maps, lists, strings) with placeholders resolved in every string, keys included. */
    public static Object resolveTree(Object tree, Lookup lookup, List<String> missing) {
        if (tree instanceof String s) {
            return resolve(s, lookup, missing);
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolveTree(item, lookup, missing)));
            return Collections.unmodifiableList(out);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(resolve(String.valueOf(k), lookup, missing), resolveTree(v, lookup, missing)));
            return Collections.unmodifiableMap(out);
        }
        return tree;
    }

    /** Every {@code {{ scope.attribute }}} in a text, as (scope, attribute) pairs. */
    public static List<Map.Entry<String, String>> references(String text) {
        List<Map.Entry<String, String>> refs = new ArrayList<>();
        if (text != null && text.contains("{{")) {
            Matcher m = PATTERN.matcher(text);
            while (m.find()) {
                refs.add(Map.entry(m.group(1), m.group(2)));
            }
        }
        return refs;
    }
}
