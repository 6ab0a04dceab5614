package io.plumbery.runtime.allocator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Role quotas as Mesos 1.9+ keeps them (mesos.v1.quota.QuotaConfig): a guarantee the allocator sets aside for the role
 * and a limit it never allocates beyond, each a map of scalar resource names to amounts. A role without a config has
 * no guarantee and no limit.
 */
public final class Quotas {

    /** mesos.v1.quota.QuotaConfig. */
    public record Config(String role, Map<String, Double> guarantees, Map<String, Double> limits) {
        public Config {
            guarantees = Map.copyOf(guarantees);
            limits = Map.copyOf(limits);
        }

        public static Config of(JsonNode node) {
            return new Config(node.path("role").asText(""), scalars(node.path("guarantees")), scalars(node.path("limits")));
        }

        private static Map<String, Double> scalars(JsonNode map) {
            Map<String, Double> out = new TreeMap<>();
            map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("value").asDouble()));
            return out;
        }

        public ObjectNode toJson() {
            ObjectNode o = Json.object().put("role", role);
            ObjectNode g = o.putObject("guarantees");
            new TreeMap<>(guarantees).forEach((k, v) -> g.putObject(k).put("value", v));
            ObjectNode l = o.putObject("limits");
            new TreeMap<>(limits).forEach((k, v) -> l.putObject(k).put("value", v));
            return o;
        }
    }

    private final Map<String, Config> byRole = new TreeMap<>();

    public Map<String, Double> guarantees(String role) {
        Config c = byRole.get(role);
        return c == null ? Map.of() : c.guarantees();
    }

    /** The role's limits; a resource not named is unlimited. */
    public Map<String, Double> limits(String role) {
        Config c = byRole.get(role);
        return c == null ? Map.of() : c.limits();
    }

    public Optional<Config> config(String role) {
        return Optional.ofNullable(byRole.get(role));
    }

    public List<Config> configs() {
        return List.copyOf(byRole.values());
    }

    /**
     * Why these configs may not be set, or empty (Mesos's UPDATE_QUOTA checks and texts): valid, non-nested roles,
     * guarantees within limits, and unless forced, limits not below what a role consumes and guarantees that fit in
     * the cluster.
     */
    public Optional<String> check(List<Config> configs, Resources cluster, Function<String, Resources> consumed,
                                  boolean force) {
        for (Config c : configs) {
            if (c.role().contains("/")) {
                return Optional.of("Updating quota on nested role '" + c.role() + "' is not supported yet");
            }
            Optional<String> invalid = invalid(c);
            if (invalid.isPresent()) {
                return Optional.of("Invalid QuotaConfig: " + invalid.get());
            }
        }
        if (force) {
            return Optional.empty();
        }
        for (Config c : configs) {
            Map<String, Double> used = consumed.apply(c.role()).scalars();
            if (!within(used, c.limits())) {
                return Optional.of("Invalid QuotaConfig: Role '" + c.role() + "' is already consuming '"
                        + show(used) + "'; this is more than the requested limits '" + show(c.limits())
                        + "' (use 'force' flag to bypass this check)");
            }
        }
        Map<String, Double> total = new TreeMap<>();
        Map<String, Config> after = new TreeMap<>(byRole);
        configs.forEach(c -> after.put(c.role(), c));
        after.values().forEach(c -> c.guarantees().forEach((k, v) -> total.merge(k, v, Double::sum)));
        if (total.entrySet().stream().anyMatch(e -> e.getValue() > cluster.scalar(e.getKey()))) {
            return Optional.of("Invalid QuotaConfig: total quota guarantees '" + show(total) + "' exceed cluster"
                    + " capacity '" + show(cluster.scalars()) + "' (use 'force' flag to bypass this check)");
        }
        return Optional.empty();
    }

    private static Optional<String> invalid(Config c) {
        if (c.role().isEmpty()) {
            return Optional.of("'QuotaConfig.role' must be set");
        }
        Optional<String> badRole = Roles.invalid(c.role());
        if (badRole.isPresent()) {
            return Optional.of("Invalid 'QuotaConfig.role': " + badRole.get());
        }
        for (Map.Entry<String, Double> g : c.guarantees().entrySet()) {
            if (g.getValue() < 0 || !Double.isFinite(g.getValue())) {
                return Optional.of("Invalid guarantee configuration {'" + g.getKey() + "': "
                        + Roles.number(g.getValue()) + "}: negative or non-finite values are not allowed");
            }
        }
        for (Map.Entry<String, Double> l : c.limits().entrySet()) {
            if (l.getValue() < 0 || !Double.isFinite(l.getValue())) {
                return Optional.of("Invalid limit configuration {'" + l.getKey() + "': "
                        + Roles.number(l.getValue()) + "}: negative or non-finite values are not allowed");
            }
        }
        if (!within(c.guarantees(), c.limits())) {
            return Optional.of("'QuotaConfig.guarantees' " + show(c.guarantees())
                    + " is not contained within the 'QuotaConfig.limits' " + show(c.limits()));
        }
        return Optional.empty();
    }

    /** Whether the amounts are within the limits (a resource the limits do not name is unlimited). */
    private static boolean within(Map<String, Double> amounts, Map<String, Double> limits) {
        return amounts.entrySet().stream().allMatch(e -> !limits.containsKey(e.getKey())
                || e.getValue() <= limits.get(e.getKey()) + 1e-9);
    }

    /** As Mesos prints resource quantities: {@code cpus:2; mem:1024}, {@code {}} when empty. */
    private static String show(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "{}";
        }
        return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + ":" + Roles.number(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** Sets each role's config; one with no guarantee and no limit removes the role's quota. */
    public void update(List<Config> configs) {
        for (Config c : configs) {
            if (c.guarantees().isEmpty() && c.limits().isEmpty()) {
                byRole.remove(c.role());
            } else {
                byRole.put(c.role(), c);
            }
        }
    }

    public boolean has(String role) {
        return byRole.containsKey(role);
    }

    /** The configs as a JSON list; also the registry's snapshot. */
    public ArrayNode snapshot() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        byRole.values().forEach(c -> list.add(c.toJson()));
        return list;
    }

    public static Quotas restore(JsonNode snapshot) {
        Quotas q = new Quotas();
        List<Config> configs = new ArrayList<>();
        snapshot.forEach(c -> configs.add(Config.of(c)));
        q.update(configs);
        return q;
    }

    /** Legacy QuotaInfo list: each role's guarantee as Resource JSON. */
    public ArrayNode infos() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Config c : byRole.values()) {
            ObjectNode info = list.addObject().put("role", c.role());
            info.set("guarantee", Json.MAPPER.valueToTree(Resources.scalars(new LinkedHashMap<>(c.guarantees())).toProto(null)));
        }
        return list;
    }
}
