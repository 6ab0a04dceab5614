package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.plumbery.fittings.model.ClusterRole;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.plumbery.engine.cluster.LeaderOperator.call;

/**
 * Roles' weights and quota on the leading master, through Mesos's v1 operator API: {@code GET_WEIGHTS} and
 * {@code GET_QUOTA} (Mesos 1.9+ {@code QuotaConfig}s) to read them, {@code UPDATE_WEIGHTS} and {@code UPDATE_QUOTA} to
 * set them (a config without guarantee or limit removes a role's quota), and {@code /master/roles} for what each role
 * holds now.
 */
public final class RoleSettings {

    private final LeaderOperator leader;

    public RoleSettings(LeaderOperator leader) {
        this.leader = leader;
    }

    /** Every role the master has a weight or a quota for, as it has them (weight 1 where only quota is set). */
    public Map<String, ClusterRole> current() throws IOException {
        Map<String, Double> weights = new TreeMap<>();
        for (JsonNode w : leader.read(call("GET_WEIGHTS")).path("get_weights").path("weight_infos")) {
            weights.put(w.path("role").asText(), w.path("weight").asDouble(ClusterRole.DEFAULT_WEIGHT));
        }
        Map<String, ClusterRole> out = new TreeMap<>();
        weights.forEach((role, weight) -> out.put(role, new ClusterRole(role, weight, Map.of(), Map.of())));
        for (JsonNode c : leader.read(call("GET_QUOTA")).path("get_quota").path("status").path("configs")) {
            String role = c.path("role").asText();
            out.put(role, new ClusterRole(role, weights.getOrDefault(role, ClusterRole.DEFAULT_WEIGHT),
                    values(c.path("guarantees")), values(c.path("limits"))));
        }
        return out;
    }

    /** Sets these roles' weights, in one call. */
    public void updateWeights(List<ClusterRole> roles) throws IOException {
        if (roles.isEmpty()) {
            return;
        }
        ObjectNode update = call("UPDATE_WEIGHTS");
        var infos = update.putObject("update_weights").putArray("weight_infos");
        roles.forEach(r -> infos.addObject().put("role", r.name()).put("weight", r.weight()));
        leader.change(update);
    }

    /**
     * Sets these roles' quota, in one call, without {@code force}: the master refuses guarantees the cluster cannot
     * hold and limits below what a role already uses, and says why.
     */
    public void updateQuota(List<ClusterRole> roles) throws IOException {
        if (roles.isEmpty()) {
            return;
        }
        ObjectNode update = call("UPDATE_QUOTA");
        ObjectNode body = update.putObject("update_quota").put("force", false);
        var configs = body.putArray("quota_configs");
        for (ClusterRole r : roles) {
            ObjectNode config = configs.addObject().put("role", r.name());
            ObjectNode guarantees = config.putObject("guarantees");
            r.guarantee().forEach((k, v) -> guarantees.putObject(k).put("value", v));
            ObjectNode limits = config.putObject("limits");
            r.limit().forEach((k, v) -> limits.putObject(k).put("value", v));
        }
        leader.change(update);
    }

    /** Each role the master knows, from the leader's {@code /master/roles}: weight, quota and what it is allocated. */
    public List<ClusterStatus.RoleStatus> status() throws IOException {
        return status(leader.get("master/roles"));
    }

    static List<ClusterStatus.RoleStatus> status(JsonNode roles) {
        List<ClusterStatus.RoleStatus> out = new ArrayList<>();
        for (JsonNode r : roles.path("roles")) {
            JsonNode quota = r.path("quota");
            List<String> frameworks = new ArrayList<>();
            r.path("frameworks").forEach(f -> frameworks.add(f.asText()));
            out.add(new ClusterStatus.RoleStatus(r.path("name").asText(), r.path("weight").asDouble(1),
                    amounts(quota.path("guarantee")), amounts(quota.path("limit")), amounts(r.path("allocated")),
                    frameworks));
        }
        return out;
    }

    /** {@code {"cpus": {"value": 2}}}, QuotaConfig's maps. */
    private static Map<String, Double> values(JsonNode map) {
        Map<String, Double> out = new TreeMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("value").asDouble()));
        return out;
    }

    /** {@code {"cpus": 2, "mem": 0, ...}}, the v0 endpoints' resources: the amounts above zero. */
    private static Map<String, Double> amounts(JsonNode map) {
        Map<String, Double> out = new TreeMap<>();
        map.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber() && e.getValue().asDouble() > 0) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return out;
    }
}
