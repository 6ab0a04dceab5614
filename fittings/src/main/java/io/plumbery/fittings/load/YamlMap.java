package io.plumbery.fittings.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A YAML mapping read with its source positions: typed getters that report a problem at the exact
 * line and column and carry on, so that one pass finds every error of a plan.
 */
final class YamlMap {

    private final Source source;
    private final Substitutions substitutions;
    private final MappingNode node;
    private final String what;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    /** The entries that came from a {@code <<} merge, which the mapping's own keys override quietly. */
    private final java.util.Set<NodeTuple> merged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private YamlMap(Source source, Substitutions substitutions, MappingNode node, String what) {
        this.source = source;
        this.substitutions = substitutions;
        this.node = node;
        this.what = what;
        collect(node, true);
    }

    /** The mapping at {@code node}, or empty (with an error) if it is something else. */
    static Optional<YamlMap> of(Node node, Source source, Substitutions substitutions, String what) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(source, substitutions, mapping, what));
        }
        if (isNull(node)) { // 'web1:' with nothing after it: no settings
            org.yaml.snakeyaml.error.Mark at = node == null ? null : node.getStartMark();
            return Optional.of(new YamlMap(source, substitutions, new MappingNode(Tag.MAP, false, List.of(), at, at,
                    org.yaml.snakeyaml.DumperOptions.FlowStyle.AUTO), what));
        }
        source.error(node, what + " must be a mapping of keys to values, not " + describe(node));
        return Optional.empty();
    }

    /**
     * The entries of {@code mapping}. A key written twice is a warning and the later one counts, as with
     * plumbery's YAML reader (PyYAML); a key of the mapping itself counts over one merged in with {@code <<}.
     */
    private void collect(MappingNode mapping, boolean own) {
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (key.getTag().equals(Tag.MERGE)) {
                mergeFrom(tuple.getValueNode());
                continue;
            }
            if (!(key instanceof ScalarNode scalar)) {
                source.error(key, "keys of " + what + " must be plain words, not " + describe(key));
                continue;
            }
            String name = substitutions.substitute(scalar.getValue(), key);
            NodeTuple earlier = entries.get(name);
            if (earlier != null && !own) {
                continue;
            }
            if (earlier != null && !merged.contains(earlier)) {
                source.warning(key, "duplicate key '" + name + "' in " + what + " (first at line "
                        + (earlier.getKeyNode().getStartMark().getLine() + 1) + "): the one at line "
                        + (key.getStartMark().getLine() + 1) + " is used, as plumbery's YAML reader does");
            }
            entries.put(name, tuple);
            if (!own) {
                merged.add(tuple);
            }
        }
    }

    private void mergeFrom(Node merged) {
        if (merged instanceof MappingNode m) {
            collect(m, false);
        } else if (merged instanceof SequenceNode s) {
            s.getValue().forEach(this::mergeFrom);
        }
    }

    String what() {
        return what;
    }

    Node node() {
        return node;
    }

    Source source() {
        return source;
    }

    Substitutions substitutions() {
        return substitutions;
    }

    Collection<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Reports every key not in {@code known}, with the closest known key as a suggestion. */
    void allowOnly(Collection<String> known) {
        entries.forEach((key, tuple) -> {
            if (!known.contains(key)) {
                source.error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + Suggestions.hint(key, known));
            }
        });
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    Optional<Node> value(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? Optional.empty() : Optional.of(t.getValueNode());
    }

    /** All entries in file order, key text substituted. */
    Map<String, Node> values() {
        Map<String, Node> out = new LinkedHashMap<>();
        entries.forEach((k, t) -> out.put(k, t.getValueNode()));
        return out;
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> scalar(v, "'" + key + "' in " + what));
    }

    /** The text of a scalar node, substitutions substituted; empty for null, with an error for a collection. */
    Optional<String> scalar(Node v, String label) {
        if (isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s) {
            return Optional.of(substitutions.substitute(s.getValue(), v));
        }
        source.error(v, label + " must be a single value, not " + describe(v));
        return Optional.empty();
    }

    OptionalInt integer(String key, int min, int max) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        Node at = value(key).orElse(node);
        try {
            int n = Integer.parseInt(text.get().trim());
            if (n < min || n > max) {
                source.error(at, "'" + key + "' in " + what + " is " + n + "; it must be between " + min + " and " + max);
                return OptionalInt.empty();
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            source.error(at, "'" + key + "' in " + what + " must be a whole number, not '" + text.get() + "'");
            return OptionalInt.empty();
        }
    }

    Optional<Boolean> bool(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                source.error(value(key).orElse(node), "'" + key + "' in " + what + " must be true or false, not '"
                        + text.get() + "'");
                yield Optional.empty();
            }
        };
    }

    /** A list of strings; a single scalar counts as a list of one, as plumbery allows. */
    List<String> strings(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty() || isNull(v.get())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.get() instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                scalar(item, "each item of '" + key + "' in " + what).ifPresent(out::add);
            }
        } else {
            scalar(v.get(), "'" + key + "' in " + what).ifPresent(out::add);
        }
        return out;
    }

    /** Pairs of (text, node) of a list of strings, for checks that report per item. */
    List<Map.Entry<String, Node>> stringItems(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty() || isNull(v.get())) {
            return List.of();
        }
        List<Node> items = v.get() instanceof SequenceNode seq ? seq.getValue() : List.of(v.get());
        List<Map.Entry<String, Node>> out = new ArrayList<>();
        for (Node item : items) {
            scalar(item, "each item of '" + key + "' in " + what).ifPresent(s -> out.add(Map.entry(s, item)));
        }
        return out;
    }

    Optional<YamlMap> map(String key, String childWhat) {
        return value(key).flatMap(v -> of(v, source, substitutions, childWhat));
    }

    /** Items of a sequence; a missing key is an empty list, anything else is reported. */
    List<Node> sequence(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty() || isNull(v.get())) {
            return List.of();
        }
        if (v.get() instanceof SequenceNode seq) {
            return seq.getValue();
        }
        source.error(v.get(), "'" + key + "' in " + what + " must be a list (items starting with '- '), not "
                + describe(v.get()));
        return List.of();
    }

    /** The value as plain Java data (maps, lists, strings, numbers), substitutions substituted. */
    Object plain(String key) {
        return value(key).map(this::plain).orElse(null);
    }

    Object plain(Node v) {
        if (v instanceof ScalarNode s) {
            if (isNull(s)) {
                return null;
            }
            String text = substitutions.substitute(s.getValue(), s);
            if (s.getTag().equals(Tag.BOOL)) {
                return Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")
                        || text.equalsIgnoreCase("on"));
            }
            if (s.getTag().equals(Tag.INT)) {
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            return text;
        }
        if (v instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(plain(item)));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof MappingNode) {
            YamlMap child = new YamlMap(source, substitutions, (MappingNode) v, what);
            Map<String, Object> out = new LinkedHashMap<>();
            child.values().forEach((k, n) -> out.put(k, plain(n)));
            return Collections.unmodifiableMap(out);
        }
        return null;
    }

    static boolean isNull(Node node) {
        return node == null || node.getTag().equals(Tag.NULL);
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
