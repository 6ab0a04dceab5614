package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's REST API (v2, 1.x shapes) as one Jetty handler. Only the leader answers; other instances proxy to it
 * ({@link LeaderProxy}). {@code /ping} and {@code GET /v2/leader} are answered by every instance.
 */
public final class MarathonApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(MarathonApi.class);
    public static final String VERSION = "1.11.0";
    private final Leadership leadership;
    private final LeaderProxy proxy = new LeaderProxy();

    public MarathonApi(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpCall call = new HttpCall(request, response, callback);
        try {
            String path = call.path();
            if (path.equals("/ping")) {
                call.text(200, "pong");
                return true;
            }
            if (path.equals("/v2/leader") && call.method().equals("GET")) {
                Optional<String> leader = leadership.leader();
                if (leader.isEmpty()) {
                    call.message(404, "There is no leader");
                } else {
                    call.json(200, MarathonJson.object().put("leader", leader.get()));
                }
                return true;
            }
            MarathonScheduler scheduler = leadership.isLeader() ? leadership.scheduler() : null;
            if (scheduler == null) {
                notLeading(call);
                return true;
            }
            route(call, scheduler);
        } catch (MarathonException e) {
            call.json(e.status(), e.body());
        } catch (Exception e) {
            LOG.warn("{} {} failed", call.method(), call.path(), e);
            call.message(500, String.valueOf(e.getMessage()));
        }
        return true;
    }

    private void notLeading(HttpCall call) throws Exception {
        Optional<String> leader = leadership.leader();
        if (leadership.isLeader() || leader.isEmpty() || call.header(LeaderProxy.VIA) != null) {
            call.message(503, "Could not determine the current leader");
        } else if (call.path().equals("/v2/events")) {
            proxy.stream(call, leader.get());
        } else {
            proxy.forward(call, leader.get());
        }
    }

    private void route(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        String path = call.path();
        String method = call.method();
        if (path.equals("/v2/apps") || path.equals("/v2/apps/")) {
            switch (method) {
                case "GET" -> call.json(200, listApps(call, ops.snapshot()));
                case "POST" -> createApp(call, ops);
                case "PUT", "PATCH" -> updateApps(call, ops, method.equals("PUT"));
                default -> call.message(405, "Method not allowed");
            }
        } else if (path.startsWith("/v2/apps/")) {
            appRoute(call, ops, path.substring("/v2/apps".length()));
        } else if (path.equals("/v2/tasks") && method.equals("GET")) {
            call.json(200, tasks(ops.snapshot(), null, call.query("status")));
        } else if (path.equals("/v2/tasks/delete") && method.equals("POST")) {
            List<String> ids = new ArrayList<>();
            AppRequests.parse(call.body()).path("ids").forEach(n -> ids.add(n.asText()));
            Operations.Killed killed = ops.kill(ids, call.flag("scale"), call.flag("force"));
            call.json(200, killed.change() != null ? change(killed.change()) : taskList(killed.tasks(), ops.snapshot()));
        } else if (path.equals("/v2/deployments") && method.equals("GET")) {
            ArrayNode out = MarathonJson.MAPPER.createArrayNode();
            ops.snapshot().deployments().forEach(d -> out.add(Views.deployment(d)));
            call.json(200, out);
        } else if (path.startsWith("/v2/deployments/") && method.equals("DELETE")) {
            Operations.Change c = ops.cancelDeployment(path.substring("/v2/deployments/".length()), call.flag("force"));
            if (c == null) {
                call.send(202, "application/json", "{}".getBytes());
            } else {
                call.json(200, change(c));
            }
        } else if (path.equals("/v2/queue") && method.equals("GET")) {
            ArrayNode queue = MarathonJson.MAPPER.createArrayNode();
            ops.snapshot().queue().forEach(queue::add);
            ObjectNode out = MarathonJson.object();
            out.set("queue", queue);
            call.json(200, out);
        } else if (path.startsWith("/v2/queue/") && path.endsWith("/delay") && method.equals("DELETE")) {
            ops.resetDelay(PathId.parse(path.substring("/v2/queue".length(), path.length() - "/delay".length())));
            call.send(204, null, new byte[0]);
        } else if (path.equals("/v2/groups") || path.startsWith("/v2/groups/")) {
            PathId group = PathId.parse(path.substring("/v2/groups".length()));
            switch (method) {
                case "GET" -> call.json(200, Groups.group(group, ops.snapshot()));
                case "POST", "PUT" -> {
                    JsonNode body = AppRequests.parse(call.body());
                    Operations.Change c = Groups.apply(body, group, method.equals("PUT"), call.flag("force"), ops,
                            ops.snapshot());
                    call.json(method.equals("POST") ? 201 : 200, change(c));
                }
                case "DELETE" -> call.json(200, change(Groups.delete(group, call.flag("force"), ops, ops.snapshot())));
                default -> call.message(405, "Method not allowed");
            }
        } else if (path.equals("/v2/info")) {
            call.json(200, info(scheduler));
        } else if (path.equals("/v2/leader") && method.equals("DELETE")) {
            call.message(200, "Leadership abdicated");
            leadership.abdicate();
        } else if (path.equals("/metrics")) {
            call.json(200, metrics(ops.snapshot()));
        } else if (path.equals("/v2/events") && method.equals("GET")) {
            EventStream.serve(call, leadership.events(), Request.getRemoteAddr(call.request));
        } else {
            call.message(404, "Not Found: " + path);
        }
    }

    private void createApp(HttpCall call, Operations ops) throws Exception {
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
    private void updateApps(HttpCall call, Operations ops, boolean allowCreation) throws Exception {
        JsonNode body = AppRequests.parseAny(call.body());
        if (!body.isArray()) {
            throw MarathonException.of(400, "Invalid JSON: expected a list of apps");
        }
        boolean partial = !"false".equalsIgnoreCase(call.query("partialUpdate"));
        Snapshot snap = ops.snapshot();
        List<JsonNode> merged = new ArrayList<>();
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode update = body.get(i);
            if (!update.isObject() || !update.path("id").isTextual()) {
                missing.add(Violation.of("/(" + i + ")/id", "error.path.missing"));
                continue;
            }
            PathId id = PathId.parse(update.path("id").asText());
            Optional<AppDefinition> existing = snap.apps().stream().filter(a -> a.pathId().equals(id)).findFirst();
            if (existing.isEmpty() && !allowCreation) {
                throw MarathonException.appNotFound(id.toString());
            }
            merged.add(existing.isPresent() && partial ? AppRequests.merge(existing.get(), update, id.toString())
                    : ((ObjectNode) update.deepCopy()).put("id", id.toString()));
        }
        if (!missing.isEmpty()) {
            throw AppRequests.invalid(missing);
        }
        List<AppDefinition> apps = AppRequests.apps(merged, i -> "/(" + i + ")");
        Operations.Change c = ops.group(PathId.ROOT, apps, false, call.flag("force"), i -> "/(" + i + ")");
        call.header("Marathon-Deployment-Id", c.deploymentId());
        call.json(200, change(c));
    }

    /** {@code /v2/apps/{id}[/restart | /tasks[/{taskId}] | /versions[/{version}]]}. */
    private void appRoute(HttpCall call, Operations ops, String rest) throws Exception {
        List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
        int cut = segments.size();
        for (int i = 1; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.equals("tasks") || s.equals("versions") || (s.equals("restart") && i == segments.size() - 1)) {
                cut = i;
                break;
            }
        }
        PathId id = new PathId(segments.subList(0, cut));
        List<String> tail = segments.subList(cut, segments.size());
        String method = call.method();
        boolean force = call.flag("force");
        if (tail.isEmpty()) {
            switch (method) {
                case "GET" -> {
                    Snapshot snap = ops.snapshot();
                    AppDefinition app = find(snap, id);
                    ObjectNode out = MarathonJson.object();
                    out.set("app", Views.app(app, snap, Set.of("tasks", "lastTaskFailure")));
                    call.json(200, out);
                }
                case "PUT", "PATCH" -> {
                    JsonNode body = AppRequests.parse(call.body());
                    Optional<AppDefinition> existing = ops.app(id);
                    JsonNode merged = existing.map(a -> AppRequests.merge(a, body, id.toString()))
                            .orElseGet(() -> ((ObjectNode) body.deepCopy()).put("id", id.toString()));
                    Operations.Change c = existing.isEmpty() ? ops.create(AppRequests.app(merged))
                            : ops.put(AppRequests.app(merged), force);
                    call.header("Marathon-Deployment-Id", c.deploymentId());
                    call.json(existing.isEmpty() ? 201 : 200, change(c));
                }
                case "DELETE" -> call.json(200, change(ops.delete(id, force)));
                default -> call.message(405, "Method not allowed");
            }
        } else if (tail.get(0).equals("restart") && method.equals("POST")) {
            call.json(200, change(ops.restart(id, force)));
        } else if (tail.get(0).equals("versions") && method.equals("GET")) {
            List<AppDefinition> versions = ops.versions(id);
            if (tail.size() == 1) {
                ObjectNode out = MarathonJson.object();
                ArrayNode list = out.putArray("versions");
                versions.stream().map(AppDefinition::version).sorted((a, b) -> b.compareTo(a)).forEach(list::add);
                call.json(200, out);
            } else {
                AppDefinition v = versions.stream().filter(a -> a.version().equals(tail.get(1))).findFirst()
                        .orElseThrow(() -> MarathonException.of(404, "App '" + id + "' does not exist in version "
                                + tail.get(1)));
                call.json(200, MarathonJson.tree(v));
            }
        } else if (tail.get(0).equals("tasks")) {
            Snapshot snap = ops.snapshot();
            find(snap, id);
            if (method.equals("GET") && tail.size() == 1) {
                call.json(200, tasks(snap, id.toString(), call.query("status")));
            } else if (method.equals("DELETE")) {
                List<String> ids = tail.size() > 1 ? List.of(tail.get(1))
                        : snap.tasksOf(id.toString()).stream()
                        .filter(t -> call.query("host") == null || call.query("host").equals(t.host()))
                        .map(MarathonTask::id).toList();
                if (tail.size() > 1 && snap.tasks().stream().noneMatch(t -> t.id().equals(tail.get(1)))) {
                    throw MarathonException.of(404, "Task '" + tail.get(1) + "' does not exist");
                }
                Operations.Killed killed = ops.kill(ids, call.flag("scale"), force);
                if (killed.change() != null) {
                    call.json(200, change(killed.change()));
                } else if (tail.size() > 1) {
                    ObjectNode out = MarathonJson.object();
                    out.set("task", Views.task(killed.tasks().get(0), snap));
                    call.json(200, out);
                } else {
                    call.json(200, taskList(killed.tasks(), snap));
                }
            } else {
                call.message(405, "Method not allowed");
            }
        } else {
            call.message(404, "Not Found: " + call.path());
        }
    }

    private static AppDefinition find(Snapshot snap, PathId id) {
        return snap.apps().stream().filter(a -> a.pathId().equals(id)).findFirst()
                .orElseThrow(() -> MarathonException.appNotFound(id.toString()));
    }

    private static ObjectNode change(Operations.Change c) {
        return MarathonJson.object().put("version", c.version()).put("deploymentId", c.deploymentId());
    }

    private static ObjectNode listApps(HttpCall call, Snapshot snap) {
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

    private static ObjectNode tasks(Snapshot snap, String appId, String status) {
        List<MarathonTask> list = appId == null ? snap.tasks() : snap.tasksOf(appId);
        if (status != null) {
            String wanted = "TASK_" + status.toUpperCase();
            list = list.stream().filter(t -> t.state().equals(wanted)).toList();
        }
        return taskList(list, snap);
    }

    private static ObjectNode taskList(List<MarathonTask> list, Snapshot snap) {
        ObjectNode out = MarathonJson.object();
        ArrayNode arr = out.putArray("tasks");
        list.forEach(t -> arr.add(Views.task(t, snap)));
        return out;
    }

    private ObjectNode info(MarathonScheduler scheduler) {
        ObjectNode out = MarathonJson.object().put("name", "marathon").put("version", VERSION)
                .put("buildref", "plumbery").put("elected", leadership.isLeader())
                .put("leader", leadership.leader().orElse(null)).put("frameworkId", scheduler.frameworkId());
        out.setAll(leadership.config());
        out.putNull("event_subscriber");
        return out;
    }

    private static ObjectNode metrics(Snapshot snap) {
        ObjectNode out = MarathonJson.object().put("version", "4.0.0");
        ObjectNode gauges = out.putObject("gauges");
        gauges.putObject("marathon.apps.active.gauge").put("value", snap.apps().size());
        gauges.putObject("marathon.tasks.running.gauge").put("value",
                snap.tasks().stream().filter(MarathonTask::isRunning).count());
        gauges.putObject("marathon.tasks.staged.gauge").put("value",
                snap.tasks().stream().filter(t -> !t.isRunning()).count());
        gauges.putObject("marathon.deployments.active.gauge").put("value", snap.deployments().size());
        gauges.putObject("marathon.instances.launch-overdue.gauge").put("value",
                snap.queue().stream().mapToInt(q -> q.path("count").asInt()).sum());
        gauges.putObject("marathon.mesos.subscribed.gauge").put("value", snap.subscribed() ? 1 : 0);
        out.putObject("counters");
        out.putObject("histograms");
        out.putObject("meters");
        out.putObject("timers");
        return out;
    }
}
