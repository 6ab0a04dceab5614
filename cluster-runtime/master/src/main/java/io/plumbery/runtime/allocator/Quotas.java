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

    /** Why these configs may not be set, or empty; unless forced, the guarantees must fit in the cluster. */
    public Optional<String> check(List<Config> configs, Resources cluster, boolean force) {
        for (Config c : configs) {
            Optional<String> badRole = Roles.invalid(c.role());
            if (badRole.isPresent()) {
                return Optional.of("Invalid QuotaConfig: " + badRole.get());
            }
            if (c.role().equals("*")) {
                return Optional.of("Invalid QuotaConfig: setting quota for the default '*' role is not supported");
            }
            for (Map<String, Double> m : List.of(c.guarantees(), c.limits())) {
                if (m.values().stream().anyMatch(v -> v < 0 || v.isNaN() || v.isInfinite())) {
                    return Optional.of("Invalid QuotaConfig: negative or non-finite values are not allowed: "
                            + show(m));
                }
            }
            for (Map.Entry<String, Double> g : c.guarantees().entrySet()) {
                Double limit = c.limits().get(g.getKey());
                if (limit != null && limit < g.getValue()) {
                    return Optional.of("Invalid QuotaConfig: guarantees " + show(c.guarantees())
                            + " is not contained within limits " + show(c.limits()));
                }
            }
        }
        if (!force) {
            Map<String, Double> total = new TreeMap<>();
            Map<String, Config> after = new TreeMap<>(byRole);
            configs.forEach(c -> after.put(c.role(), c));
            after.values().forEach(c -> c.guarantees().forEach((k, v) -> total.merge(k, v, Double::sum)));
            for (Map.Entry<String, Double> e : total.entrySet()) {
                if (e.getValue() > cluster.scalar(e.getKey())) {
                    return Optional.of("Total quota guarantees '" + show(total) + "' exceed cluster capacity '"
                            + show(cluster.scalars()) + "' (use 'force' flag to bypass this check)");
                }
            }
        }
        return Optional.empty();
    }

    private static String show(Map<String, Double> m) {
        return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining("; ", "{ ", " }"));
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
