package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.logging.LoggingToggle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code --acls} on the operator's calls and endpoints, as Mesos authorizes them: the action each one is, for the
 * authenticated principal, answered 403 with no body when refused. Roles are the objects of weights and quota calls
 * in v1 (each role of the call); the v0 endpoints are asked for any object, as are maintenance and agent calls.
 */
public final class OperatorAcls {
    private static final Map<String, Action> CALLS = Map.ofEntries(
            Map.entry("GET_FLAGS", Action.VIEW_FLAGS),
            Map.entry("UPDATE_WEIGHTS", Action.UPDATE_WEIGHT),
            Map.entry("UPDATE_QUOTA", Action.UPDATE_QUOTA),
            Map.entry("SET_QUOTA", Action.UPDATE_QUOTA),
            Map.entry("REMOVE_QUOTA", Action.UPDATE_QUOTA),
            Map.entry("GET_MAINTENANCE_SCHEDULE", Action.GET_MAINTENANCE_SCHEDULE),
            Map.entry("UPDATE_MAINTENANCE_SCHEDULE", Action.UPDATE_MAINTENANCE_SCHEDULE),
            Map.entry("GET_MAINTENANCE_STATUS", Action.GET_MAINTENANCE_STATUS),
            Map.entry("START_MAINTENANCE", Action.START_MAINTENANCE),
            Map.entry("STOP_MAINTENANCE", Action.STOP_MAINTENANCE),
            Map.entry("DRAIN_AGENT", Action.DRAIN_AGENT),
            Map.entry("DEACTIVATE_AGENT", Action.DEACTIVATE_AGENT),
            Map.entry("REACTIVATE_AGENT", Action.REACTIVATE_AGENT),
            Map.entry("MARK_AGENT_GONE", Action.MARK_AGENT_GONE),
            Map.entry("SET_LOGGING_LEVEL", Action.SET_LOG_LEVEL));

    private static final Set<String> GET_ENDPOINTS = Set.of("/metrics/snapshot", LoggingToggle.PATH);

    private final Authorizer authorizer;

    public OperatorAcls(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Whether the principal may make this v1 operator call. */
    public boolean allows(String type, JsonNode call, String principal) {
        Action action = CALLS.get(type);
        if (action == null) {
            return true;
        }
        List<String> roles = roles(type, call);
        return roles.isEmpty() ? authorizer.authorized(action, principal)
                : roles.stream().allMatch(role -> authorizer.authorized(action, principal, role));
    }

    private static List<String> roles(String type, JsonNode call) {
        List<String> roles = new ArrayList<>();
        switch (type) {
            case "UPDATE_WEIGHTS" -> call.path("update_weights").path("weight_infos")
                    .forEach(w -> roles.add(w.path("role").asText()));
            case "UPDATE_QUOTA" -> call.path("update_quota").path("quota_configs")
                    .forEach(c -> roles.add(c.path("role").asText()));
            case "SET_QUOTA" -> roles.add(call.path("set_quota").path("quota_request").path("role").asText());
            case "REMOVE_QUOTA" -> roles.add(call.path("remove_quota").path("role").asText());
            default -> { }
        }
        return roles;
    }

    /** The action of a v0 endpoint, or null when it has none to authorize. */
    static Action ofEndpoint(String method, String path) {
        String p = path.startsWith("/master/") ? path.substring("/master".length()) : path;
        boolean get = method.equals("GET") || method.equals("HEAD");
        return switch (p) {
            case "/flags" -> get ? Action.VIEW_FLAGS : null;
            case "/weights" -> get ? null : Action.UPDATE_WEIGHT;
            case "/maintenance/schedule" -> get ? Action.GET_MAINTENANCE_SCHEDULE : Action.UPDATE_MAINTENANCE_SCHEDULE;
            case "/maintenance/status" -> Action.GET_MAINTENANCE_STATUS;
            case "/machine/down" -> Action.START_MAINTENANCE;
            case "/machine/up" -> Action.STOP_MAINTENANCE;
            default -> p.equals("/quota") || p.startsWith("/quota/") ? (get ? null : Action.UPDATE_QUOTA) : null;
        };
    }

    /**
     * The master's routes behind the v0 endpoints' actions ({@code /metrics/snapshot} and {@code /logging/toggle}:
     * GET_ENDPOINT_WITH_PATH, as Mesos's authorization callbacks ask).
     */
    public Handler around(Handler next) {
        if (!authorizer.configured()) {
            return next;
        }
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                String principal = BasicAuth.principal(request).orElse(null);
                Action action = ofEndpoint(request.getMethod(), path);
                boolean allowed = action != null ? authorizer.authorized(action, principal)
                        : !GET_ENDPOINTS.contains(path)
                        || authorizer.authorized(Action.GET_ENDPOINT_WITH_PATH, principal, path);
                if (allowed) {
                    return super.handle(request, response, callback);
                }
                Response.writeError(request, response, callback, 403);
                return true;
            }
        };
    }
}
