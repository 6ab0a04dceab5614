package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v2/apps}: list, create, change several; {@code /v2/apps/{id}}: show, change, delete, {@code /restart},
 * {@code /versions[/{version}]}; its {@code /tasks} go to {@link AppTasksResource}.
 */
final class AppsResource implements RouteTable.Resource {
    private static final String PREFIX = "/v2/apps";
    private final AppTasksResource tasks = new AppTasksResource();

    @Override
    public List<Route> routes() {
        return List.of(Route.leader(RouteTable.ANY, PREFIX, this::apps),
                Route.leader(RouteTable.ANY, PREFIX + "/*", this::app));
    }

    private void apps(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        switch (call.method()) {
            case "GET" -> call.json(200, list(call, ops.snapshot()));
            case "POST" -> create(call, ops);
            case "PUT", "PATCH" -> updateApps(call, ops, call.method().equals("PUT"));
            default -> call.methodNotAllowed();
        }
    }

    private void app(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        AppPath path = AppPath.parse(call.path().substring(PREFIX.length()));
        String method = call.method();
        if (path.tail().isEmpty()) {
            switch (method) {
                case "GET" -> show(call, ops.snapshot(), path.id());
                case "PUT", "PATCH" -> update(call, ops, path.id());
                case "DELETE" -> call.json(200, Bodies.change(ops.delete(path.id(), call.flag("force"))));
                default -> call.methodNotAllowed();
            }
        } else if (path.continuesWith("restart") && method.equals("POST")) {
            call.json(200, Bodies.change(ops.restart(path.id(), call.flag("force"))));
        } else if (path.continuesWith("versions") && method.equals("GET")) {
            versions(call, ops, path);
        } else if (path.continuesWith("tasks")) {
            tasks.handle(call, ops, path);
        } else {
            call.notFound();
        }
    }

    private static ObjectNode list(HttpCall call, Snapshot snap) {
        Set<String> embed = new HashSet<>();
        for (String e : call.queries("embed")) {
            embed.add(e.replaceFirst("^apps\\.", ""));
        }
        String idFilter = call.query("id");
        String cmdFilter = call.query("cmd");
        String label = call.query("label");
        ObjectNode out = MarathonJson.object();
        ArrayNode apps = out.putArray("apps");
        for (AppDefinition app : snap.apps()) {
            if (idFilter != null && !app.id().contains(idFilter)) {
                continue;
            }
            if (cmdFilter != null && (app.cmd() == null || !app.cmd().contains(cmdFilter))) {
                continue;
            }
            if (label != null && !Labels.matches(label, app.labels())) {
                continue;
            }
            apps.add(Views.app(app, snap, embed));
        }
        return out;
    }

    private static void create(HttpCall call, Operations ops) throws Exception {
        AppDefinition app = AppRequests.app(AppRequests.parse(call.body()));
        Operations.Change change = ops.create(app);
        Snapshot snap = ops.snapshot();
        AppDefinition stored = snap.apps().stream().filter(a -> a.id().equals(app.id())).findFirst()
                .orElse(change.app());
        call.header("Location", "/v2/apps" + app.id());
        call.header("Marathon-Deployment-Id", change.deploymentId());
        ObjectNode out = Views.app(stored, snap, Set.of());
        if (!out.path("deployments").findValuesAsText("id").contains(change.deploymentId())) {
            ((ArrayNode) out.path("deployments")).addObject().put("id", change.deploymentId()); // already finished
        }
        call.json(201, out);
    }

    /**
     * PUT/PATCH /v2/apps with a list: Marathon's multi-app update, each element merged into its app (PUT may
     * create; {@code partialUpdate=false} replaces), all in one deployment that follows their dependencies.
     */
    private static void updateApps(HttpCall call, Operations ops, boolean allowCreation) throws Exception {
        JsonNode list = AppRequests.list(call.body());
        boolean partial = !"false".equalsIgnoreCase(call.query("partialUpdate"));
        List<AppDefinition> apps = AppRequests.updates(list, ops.snapshot().apps(), partial, allowCreation);
        Operations.Change c = ops.apps(apps, call.flag("force"), i -> "/(" + i + ")");
        call.header("Marathon-Deployment-Id", c.deploymentId());
        call.json(200, Bodies.change(c));
    }

    private static void show(HttpCall call, Snapshot snap, PathId id) {
        ObjectNode out = MarathonJson.object();
        out.set("app", Views.app(existing(snap, id), snap, Set.of("tasks", "lastTaskFailure")));
        call.json(200, out);
    }

    /**
     * PUT/PATCH one app: the request's fields over the app's (201 when it creates the app); a body naming only a
     * {@code version} rolls the app back to that version of it.
     */
    private static void update(HttpCall call, Operations ops, PathId id) throws Exception {
        JsonNode body = AppRequests.parse(call.body());
        if (body.has("version")) {
            rollback(call, ops, id, body);
            return;
        }
        Optional<AppDefinition> existing = ops.app(id);
        JsonNode merged = existing.map(a -> AppRequests.merge(a, body, id.toString()))
                .orElseGet(() -> ((ObjectNode) body.deepCopy()).put("id", id.toString()));
        Operations.Change c = existing.isEmpty() ? ops.create(AppRequests.app(merged))
                : ops.put(AppRequests.app(merged), call.flag("force"));
        call.header("Marathon-Deployment-Id", c.deploymentId());
        call.json(existing.isEmpty() ? 201 : 200, Bodies.change(c));
    }

    /** Marathon's rollback: {@code {"version": V}} (an {@code id} may come along, nothing else) deploys version V. */
    private static void rollback(HttpCall call, Operations ops, PathId id, JsonNode body) {
        List<String> others = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("version") && !f.equals("id")) {
                others.add(f);
            }
        });
        if (!others.isEmpty() || !body.path("version").isTextual()) {
            throw AppRequests.invalid(List.of(Violation.of("/", "The 'version' field may only be combined with the "
                    + "'id' field.")));
        }
        String version = body.path("version").asText();
        if (ops.app(id).isEmpty()) {
            throw MarathonException.appNotFound(id.toString());
        }
        AppDefinition target = ops.versions(id).stream().filter(a -> a.version().equals(version)).findFirst()
                .orElseThrow(() -> MarathonException.of(404, "App '" + id + "' does not exist in version " + version));
        ObjectNode definition = MarathonJson.tree(target);
        definition.remove(List.of("version", "versionInfo"));
        Operations.Change c = ops.put(AppRequests.app(definition), call.flag("force"));
        call.header("Marathon-Deployment-Id", c.deploymentId());
        call.json(200, Bodies.change(c));
    }

    private static void versions(HttpCall call, Operations ops, AppPath path) {
        List<AppDefinition> versions = ops.versions(path.id());
        List<String> tail = path.tail();
        if (tail.size() == 1) {
            ObjectNode out = MarathonJson.object();
            ArrayNode list = out.putArray("versions");
            versions.stream().map(AppDefinition::version).sorted((a, b) -> b.compareTo(a)).forEach(list::add);
            call.json(200, out);
        } else {
            AppDefinition v = versions.stream().filter(a -> a.version().equals(tail.get(1))).findFirst()
                    .orElseThrow(() -> MarathonException.of(404, "App '" + path.id() + "' does not exist in version "
                            + tail.get(1)));
            call.json(200, MarathonJson.tree(v));
        }
    }

    static AppDefinition existing(Snapshot snap, PathId id) {
        return snap.apps().stream().filter(a -> a.pathId().equals(id)).findFirst()
                .orElseThrow(() -> MarathonException.appNotFound(id.toString()));
    }
}
