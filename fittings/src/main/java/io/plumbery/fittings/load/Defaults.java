package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The global {@code defaults:}: a domain and ethernet for blueprints that name none, a cloud-config
 * shared by every node, and named node profiles that nodes pick with {@code default: NAME}.
 */
record Defaults(Optional<Domain> domain, Optional<YamlMap> ethernetMap, Map<String, Object> cloudConfig,
                Map<String, YamlMap> profiles) {

    static Defaults read(Optional<YamlMap> defaults) {
        if (defaults.isEmpty()) {
            return new Defaults(Optional.empty(), Optional.empty(), Map.of(), Map.of());
        }
        YamlMap d = defaults.get();
        Optional<Domain> domain = d.map("domain", "the default domain").map(FacilityReader::domain);
        Optional<YamlMap> ethernet = d.map("ethernet", "the default ethernet");
        Map<String, Object> cloudConfig = NodeReader.cloudConfig(d);
        Map<String, YamlMap> profiles = new LinkedHashMap<>();
        d.values().forEach((name, node) -> {
            if (!name.equals("domain") && !name.equals("ethernet") && !name.equals("cloud-config")) {
                YamlMap.of(node, d.source(), d.substitutions(), "profile '" + name + "'").ifPresent(profile -> {
                    profile.allowOnly(NodeReader.PROFILE_KEYS);
                    profiles.put(name, profile);
                });
            }
        });
        return new Defaults(domain, ethernet, cloudConfig, profiles);
    }
}
