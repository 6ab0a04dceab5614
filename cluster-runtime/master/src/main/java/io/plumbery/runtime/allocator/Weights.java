package io.plumbery.runtime.allocator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbery.runtime.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Role weights set by the operator (Mesos's {@code /weights}, UPDATE_WEIGHTS): a role's DRF share is divided by its
 * weight, so a role of weight 2 gets twice the share of a role of weight 1. Roles not set weigh 1.
 */
public final class Weights {
    private final Map<String, Double> byRole = new TreeMap<>();

    public double of(String role) {
        return byRole.getOrDefault(role, 1.0);
    }

    public Map<String, Double> all() {
        return Map.copyOf(byRole);
    }

    /** Why these weights (a JSON array of mesos.v1.WeightInfo) may not be set, or empty; Mesos's texts. */
    public static Optional<String> check(JsonNode weightInfos) {
        if (!weightInfos.isArray()) {
            return Optional.of("Expecting a JSON array of weight infos");
        }
        for (JsonNode w : weightInfos) {
            String role = w.path("role").asText("").trim();
            Optional<String> badRole = Roles.invalid(role);
            if (badRole.isPresent()) {
                return Optional.of("Failed to validate update weights request JSON: Invalid role '" + role + "': "
                        + badRole.get());
            }
            double weight = w.path("weight").asDouble();
            if (weight <= 0) {
                return Optional.of("Failed to validate update weights request JSON for role '" + role
                        + "': Invalid weight '" + Roles.number(weight) + "': Weights must be positive");
            }
        }
        return Optional.empty();
    }

    /** Sets the given roles' weights (others keep theirs). */
    public void update(JsonNode weightInfos) {
        Map<String, Double> given = new LinkedHashMap<>();
        weightInfos.forEach(w -> given.put(w.path("role").asText().trim(), w.path("weight").asDouble()));
        byRole.putAll(given);
    }

    /** mesos.v1.WeightInfo list; also the registry's snapshot. */
    public ArrayNode snapshot() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        byRole.forEach((role, weight) -> list.addObject().put("role", role).put("weight", weight));
        return list;
    }

    public static Weights restore(JsonNode snapshot) {
        Weights w = new Weights();
        w.update(snapshot);
        return w;
    }
}
