package io.plumbery.fittings.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings given at several levels, as plumbery merges them: a node over its profile, a blueprint's
 * {@code domain} and {@code ethernet} over the facility's defaults over the plan's. A key is read from the
 * most specific level that has it; lists ({@code accept}) are joined, broadest first.
 *
 * @param levels the broadest first, the most specific last
 */
record Layers(List<YamlMap> levels) {

    Layers {
        levels = List.copyOf(levels);
    }

    /** The given levels that are present, broadest first. */
    @SafeVarargs
    static Layers of(Optional<YamlMap>... broadestFirst) {
        List<YamlMap> present = new ArrayList<>();
        for (Optional<YamlMap> level : broadestFirst) {
            level.ifPresent(present::add);
        }
        return new Layers(present);
    }

    boolean isEmpty() {
        return levels.isEmpty();
    }

    /** The most specific level: where a missing key is reported. */
    YamlMap top() {
        return levels.get(levels.size() - 1);
    }

    Optional<YamlMap> pick(String key) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i).has(key)) {
                return Optional.of(levels.get(i));
            }
        }
        return Optional.empty();
    }

    Optional<String> string(String key) {
        return pick(key).flatMap(m -> m.string(key));
    }

    /** The items of the list {@code key} at every level, broadest first, each with where it is written. */
    List<Map.Entry<String, org.yaml.snakeyaml.nodes.Node>> joined(String key) {
        List<Map.Entry<String, org.yaml.snakeyaml.nodes.Node>> out = new ArrayList<>();
        levels.forEach(level -> out.addAll(level.stringItems(key)));
        return out;
    }
}
