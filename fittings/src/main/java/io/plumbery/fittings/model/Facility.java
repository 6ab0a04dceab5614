package io.plumbery.fittings.model;

import java.util.List;
import java.util.Map;

/**
 * One document after the global one: a place (location or region) with a provider and blueprints.
 *
 * @param name     {@code locationId} or {@code regionId}, or {@code facility-N} when the plan names neither
 * @param provider the provider that builds it ({@code local} unless the facility says otherwise)
 * @param settings the facility's other provider settings, as given
 * @param apps     Marathon app definitions (JSON as YAML) that deploy submits once the cluster runs
 * @param defaultBlueprints the blueprints (or groups) an action works on here when none are named: the
 *                 facility's {@code defaults: blueprints:}, else the plan's; empty means all of them
 * @param basement the blueprints (or groups) plumbery's {@code basement:} names, those the others stand on
 */
public record Facility(int index, String name, String provider, Map<String, String> settings,
                       List<Blueprint> blueprints, List<Map<String, Object>> apps, List<String> defaultBlueprints,
                       List<String> basement) {

    public Facility {
        settings = Map.copyOf(settings);
        blueprints = List.copyOf(blueprints);
        apps = List.copyOf(apps);
        defaultBlueprints = List.copyOf(defaultBlueprints);
        basement = List.copyOf(basement);
    }

    /** A facility whose actions work on all its blueprints by default, with no basement. */
    public Facility(int index, String name, String provider, Map<String, String> settings,
                    List<Blueprint> blueprints, List<Map<String, Object>> apps) {
        this(index, name, provider, settings, blueprints, apps, List.of(), List.of());
    }

    /** The same facility with these blueprints. */
    public Facility withBlueprints(List<Blueprint> others) {
        return new Facility(index, name, provider, settings, others, apps, defaultBlueprints, basement);
    }
}
