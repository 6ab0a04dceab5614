package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.logging.LoggingToggle;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The agent's {@code --acls} on what it refuses whole, as Mesos's agent does (403, no body): its flags
 * ({@code view_flags}), its logging level ({@code set_log_level}), a sandbox or its log through the files endpoints and calls ({@code access_sandboxes},
 * {@code access_mesos_logs}), and the endpoints Mesos guards with {@code get_endpoints}.
 */
final class AgentAcls {
    private static final Set<String> FLAGS = Set.of("/flags", "/slave(1)/flags");
    private static final Set<String> FILES = Set.of("/files/browse", "/files/read", "/files/download");
    private static final Set<String> ENDPOINTS = Set.of("/files/debug", "/metrics/snapshot", "/containers",
            "/slave(1)/containers", "/monitor/statistics", "/slave(1)/monitor/statistics", LoggingToggle.PATH);

    private final AgentViewers viewers;
    private final FileAccess files;

    AgentAcls(AgentViewers viewers, FileAccess files) {
        this.viewers = viewers;
        this.files = files;
    }

    /** Whether the principal may make this v1 agent call at all. */
    boolean allows(String type, JsonNode call, Viewer viewer) {
        return switch (type) {
            case "GET_FLAGS" -> viewer.seesFlags();
            case "SET_LOGGING_LEVEL" -> viewer.authorizer().authorized(Action.SET_LOG_LEVEL, viewer.principal());
            case "LIST_FILES" -> files.allows(viewer, call.path("list_files").path("path").asText(null));
            case "READ_FILE" -> files.allows(viewer, call.path("read_file").path("path").asText(null));
            default -> true;
        };
    }

    private boolean allows(Request request, Viewer viewer) {
        String path = request.getHttpURI().getPath();
        if (FLAGS.contains(path)) {
            return viewer.seesFlags();
        }
        if (FILES.contains(path)) {
            return files.allows(viewer, Request.extractQueryParameters(request).getValue("path"));
        }
        if (ENDPOINTS.contains(path)) {
            String endpoint = path.replace("/slave(1)", "");
            return viewer.authorizer().authorized(Action.GET_ENDPOINT_WITH_PATH, viewer.principal(), endpoint);
        }
        return true;
    }

    /** The agent's routes behind these refusals; runs after authentication, so the principal is known. */
    Handler around(Handler next) {
        if (!viewers.configured()) {
            return next;
        }
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (allows(request, viewers.of(request))) {
                    return super.handle(request, response, callback);
                }
                Response.writeError(request, response, callback, 403);
                return true;
            }
        };
    }
}
