package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.allocator.Quotas;
import io.plumbery.runtime.allocator.Weights;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.MasterCore;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Resource;
import io.plumbery.runtime.protocol.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weights and quota, which the allocator applies: v1 GET_WEIGHTS, UPDATE_WEIGHTS, GET_QUOTA, UPDATE_QUOTA (Mesos 1.9+
 * QuotaConfig: guarantees and limits), the legacy SET_QUOTA and REMOVE_QUOTA (a guarantee that is also the limit, as
 * Mesos 1.9 reads them), and the v0 endpoints {@code /master/weights} (GET, PUT) and {@code /master/quota} (GET, POST,
 * DELETE {@code /master/quota/ROLE}).
 */
public final class QuotaCalls implements OperatorCalls {
    private static final String QUOTA = "/master/quota";
    private final MasterCore core;
    private final LeaderGate gate;

    public QuotaCalls(MasterCore core, LeaderGate gate) {
        this.core = core;
        this.gate = gate;
    }

    public void register(Router router) {
        router.route(gate.leaderOnly(this::weightsEndpoint), "/master/weights", "/weights");
        router.route(gate.leaderOnly(this::quotaEndpoint), QUOTA, "/quota");
        router.routeUnder(QUOTA + "/", gate.leaderOnly(ex -> {
            if (Methods.allowed(ex, "DELETE")) {
                String role = ex.decodedPath().substring(QUOTA.length() + 1);
                Methods.stored(ex, core.operatorRecords(), remove(role, "Failed to remove quota for path '" + ex.decodedPath() + "'"));
            }
        }));
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) {
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "GET_WEIGHTS" -> out.putObject("get_weights").set("weight_infos", weights());
            case "GET_QUOTA" -> out.putObject("get_quota").set("status", status());
            case "UPDATE_WEIGHTS" -> {
                Methods.stored(ex, core.operatorRecords(), updateWeights(call.path("update_weights").path("weight_infos")));
                return true;
            }
            case "UPDATE_QUOTA" -> {
                JsonNode update = call.path("update_quota");
                List<Quotas.Config> configs = new ArrayList<>();
                update.path("quota_configs").forEach(c -> configs.add(Quotas.Config.of(c)));
                Methods.stored(ex, core.operatorRecords(), updateQuota(configs, update.path("force").asBoolean(false)));
                return true;
            }
            case "SET_QUOTA" -> {
                Methods.stored(ex, core.operatorRecords(), set(call.path("set_quota").path("quota_request")));
                return true;
            }
            case "REMOVE_QUOTA" -> {
                Methods.stored(ex, core.operatorRecords(), remove(call.path("remove_quota").path("role").asText(""), "Failed to remove quota"));
                return true;
            }
            default -> {
                return false;
            }
        }
        ex.json(200, out);
        return true;
    }

    private JsonNode weights() {
        return core.read(s -> s.allocator.weights().snapshot());
    }

    /** mesos.v1.quota.QuotaStatus: the legacy infos and the configs. */
    private ObjectNode status() {
        return core.read(s -> {
            ObjectNode o = Json.object();
            o.set("infos", s.allocator.quotas().infos());
            o.set("configs", s.allocator.quotas().snapshot());
            return o;
        });
    }

    private Optional<String> updateWeights(JsonNode infos) {
        Optional<String> invalid = Weights.check(infos);
        if (invalid.isEmpty()) {
            core.read(s -> {
                s.allocator.weights().update(infos);
                return null;
            });
            core.allocate();
        }
        return invalid;
    }

    private Optional<String> updateQuota(List<Quotas.Config> configs, boolean force) {
        Optional<String> invalid = core.read(s -> {
            Optional<String> refused = s.allocator.quotas().check(configs, s.allocator.total(),
                    s.allocator::allocatedToRole, force);
            if (refused.isEmpty()) {
                s.allocator.quotas().update(configs);
            }
            return refused;
        });
        if (invalid.isEmpty()) {
            core.allocate();
        }
        return invalid;
    }

    /** Legacy QuotaRequest: a role without quota gets the guarantee, which is also its limit. */
    private Optional<String> set(JsonNode request) {
        String role = request.path("role").asText("");
        if (core.read(s -> s.allocator.quotas().has(role))) {
            return Optional.of("Failed to validate set quota request: Cannot set quota for role '" + role
                    + "' which already has quota");
        }
        List<Resource> guarantee = new ArrayList<>();
        request.path("guarantee").forEach(r -> guarantee.add(Json.MAPPER.convertValue(r, Resource.class)));
        Map<String, Double> scalars = Resources.fromProto(guarantee).scalars();
        return updateQuota(List.of(new Quotas.Config(role, scalars, scalars)), request.path("force").asBoolean(false));
    }

    /** REMOVE_QUOTA and DELETE: {@code failure} starts the text when the role has no quota. */
    private Optional<String> remove(String role, String failure) {
        if (!core.read(s -> s.allocator.quotas().has(role))) {
            return Optional.of(failure + ": Role '" + role + "' has no quota set");
        }
        return updateQuota(List.of(new Quotas.Config(role, Map.of(), Map.of())), true);
    }

    private void weightsEndpoint(Exchange ex) throws Exception {
        if (!Methods.allowed(ex, "GET", "PUT")) {
            return;
        }
        if (ex.method().equals("GET")) {
            Jsonp.ok(ex, weights());
            return;
        }
        JsonNode body = Methods.jsonBody(ex);
        if (body != null) {
            Methods.stored(ex, core.operatorRecords(), updateWeights(body));
        }
    }

    private void quotaEndpoint(Exchange ex) throws Exception {
        if (!Methods.allowed(ex, "GET", "POST", "DELETE")) {
            return;
        }
        switch (ex.method()) {
            case "GET" -> Jsonp.ok(ex, status());
            case "DELETE" -> ex.text(400, "Failed to parse remove quota request for path '" + ex.path()
                    + "': expected 3 tokens, found 2 tokens");
            default -> {
                JsonNode body = Methods.jsonBody(ex);
                if (body != null) {
                    Methods.stored(ex, core.operatorRecords(), set(body));
                }
            }
        }
    }
}
