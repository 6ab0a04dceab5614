package io.plumbery.fittings.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code defaults:} section. The global document's holds a domain and ethernet that blueprints merge theirs
 * over, the blueprints an action works on when none are named, a cloud-config shared by every node, and named
 * node profiles that nodes pick with {@code default: NAME}. A facility's may hold the first three, for its
 * own blueprints.
 *
 * @param blueprints the names, and where they are written; empty when the section names none
 */
record Defaults(Optional<YamlMap> domain, Optional<YamlMap> ethernet, Optional<Located<List<String>>> blueprints,
                Map<String, Object> cloudConfig, Map<String, YamlMap> profiles) {

    static final List<String> NETWORK_KEYS = List.of("domain", "ethernet", "blueprints");
    private static final List<String> NOT_PROFILES = List.of("domain", "ethernet", "blueprints", "cloud-config");

    static Defaults none() {
        return new Defaults(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    static Defaults read(Optional<YamlMap> defaults) {
        if (defaults.isEmpty()) {
            return none();
        }
        YamlMap d = defaults.get();
        Map<String, YamlMap> profiles = new LinkedHashMap<>();
        d.values().forEach((name, node) -> {
            if (!NOT_PROFILES.contains(name)) {
                YamlMap.of(node, d.source(), d.substitutions(), "profile '" + name + "'").ifPresent(profile -> {
                    profile.allowOnly(NodeReader.PROFILE_KEYS);
                    profiles.put(name, profile);
                });
            }
        });
        return new Defaults(d.map("domain", "the default domain"), d.map("ethernet", "the default ethernet"),
                names(d, "blueprints"), NodeReader.cloudConfig(d), profiles);
    }

    /** A facility's {@code defaults:}: its blueprints' domain and ethernet, and the blueprints to work on. */
    static Defaults readFacility(Optional<YamlMap> defaults) {
        if (defaults.isEmpty()) {
            return none();
        }
        YamlMap d = defaults.get();
        d.allowOnly(NETWORK_KEYS);
        return new Defaults(d.map("domain", "the default domain of " + d.what()),
                d.map("ethernet", "the default ethernet of " + d.what()), names(d, "blueprints"), Map.of(), Map.of());
    }

    /** Blueprint names, {@code web db} or a list, as plumbery's {@code expand_blueprint} reads them. */
    static Optional<Located<List<String>>> names(YamlMap d, String key) {
        if (!d.has(key)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        d.strings(key).forEach(s -> names.addAll(List.of(s.trim().split("\\s+"))));
        names.removeIf(String::isEmpty);
        return Optional.of(new Located<>(List.copyOf(names), d.source().at(d.value(key).orElseThrow())));
    }
}
