package io.plumbery.fittings.load;

import java.util.List;
import java.util.Map;

/**
 * Settings of plumbery's plans that plumbery-j reads but does not act on (a warning where they are written, so
 * that nothing is dropped unseen), or does not support at all (an error that says so).
 */
final class PlumberyKeys {

    static final Map<String, String> GLOBAL_NOT_ACTED_ON = Map.of(
            "actions", "plumbery's actions (ansible, inventory, prepare files...) are not run",
            "polishers", "plumbery ignores 'polishers' too (it reads 'actions')");
    static final Map<String, String> GLOBAL_NOT_SUPPORTED = Map.of(
            "buildPolisher", "plumbery-j bootstraps nodes itself after build",
            "keys", "plumbery-j makes each plan's SSH key itself");
    static final Map<String, String> FACILITY_NOT_ACTED_ON = Map.of(
            "prepare", "beachhead addresses say where plumbery runs; plumbery-j reaches nodes its own way");
    static final Map<String, String> FACILITY_NOT_SUPPORTED = Map.of(
            "apiHost", "a private cloud's API endpoint: use 'provider' and 'providerSettings'");
    static final Map<String, String> BLUEPRINT_NOT_ACTED_ON = Map.of(
            "listeners", "plumbery ignores 'listeners' too: write 'balancers:' and 'pool:'",
            "multicloud", "the other cloud's resources (plumbery's terraform) are not deployed");
    static final Map<String, String> NODE_NOT_ACTED_ON = Map.of(
            "windows", "Windows settings (plumbery's WinRM commands) are not applied");
    static final Map<String, String> ETHERNET_NOT_SUPPORTED = Map.of(
            "reserved", "addresses are given out by the provider; fix a node's with glue 'primary .N'");

    private PlumberyKeys() {
    }

    /** Reports the keys of {@code map} that plumbery-j does not act on, or does not support. */
    static void check(YamlMap map, Map<String, String> notActedOn, Map<String, String> notSupported) {
        notActedOn.keySet().stream().filter(map::has).forEach(key -> notActedOn(map, key, notActedOn.get(key)));
        notSupported.forEach((key, why) -> {
            if (map.has(key)) {
                map.source().error(map.keyNode(key), "'" + key + "' in " + map.what()
                        + " is a plumbery setting that plumbery-j does not support: " + why);
            }
        });
    }

    static void notActedOn(YamlMap map, String key) {
        notActedOn(map, key, NODE_NOT_ACTED_ON.get(key));
    }

    private static void notActedOn(YamlMap map, String key, String why) {
        map.source().warning(map.keyNode(key), "'" + key + "' in " + map.what() + " is read but not acted on: "
                + why);
    }

    /** {@code known} and the keys of the maps, for {@link YamlMap#allowOnly}. */
    @SafeVarargs
    static List<String> and(List<String> known, Map<String, String>... more) {
        List<String> all = new java.util.ArrayList<>(known);
        for (Map<String, String> m : more) {
            all.addAll(m.keySet());
        }
        return List.copyOf(all);
    }
}
