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
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;
import java.util.Set;

/**
 * {@code /v2/groups[/{id}]} GET (with {@code embed}), POST, PUT (with {@code dryRun}: the steps only), DELETE; {@code /v2/groups[/{id}]/versions[/{v}]};
 * {@code /v2/groups[/{id}]/apps}: HTTP over {@link Groups} (changes) and {@link GroupViews} (Marathon's GroupInfo).
 */
final class GroupsResource implements RouteTable.Resource {
    private static final String PREFIX = "/v2/groups";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader(RouteTable.ANY, PREFIX, this::group),
                Route.leader(RouteTable.ANY, PREFIX + "/*", this::group));
    }

    private void group(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        GroupPath path = GroupPath.parse(call.path().substring(PREFIX.length()));
        String method = call.method();
        if (path.kind() != GroupPath.Kind.GROUP) {
            if (!method.equals("GET")) {
                call.methodNotAllowed();
                return;
            }
            read(call, ops, path);
            return;
        }
        boolean force = call.flag("force");
        switch (method) {
            case "GET" -> show(call, ops.snapshot(), path);
            case "POST" -> {
                JsonNode body = AppRequests.parse(call.body());
                Operations.Change c = ops.changeGroups(Groups.create(body, path.id()), force);
                call.header("Location", PREFIX + GroupRequests.target(body, path.id()));
                answer(call, 201, c);
            }
            case "PUT" -> {
                Operations.GroupChange change = Groups.update(AppRequests.parse(call.body()), path.id(), ops);
                if (call.flag("dryRun")) {
                    ObjectNode out = MarathonJson.object();
                    ArrayNode steps = out.putArray("steps");
                    ops.dryRun(change).forEach(s -> steps.add(Views.step(s)));
                    call.json(200, out);
                } else {
                    answer(call, 200, ops.changeGroups(change, force));
                }
            }
            case "DELETE" -> answer(call, 200, ops.changeGroups(Groups.delete(path.id()), force));
            default -> call.methodNotAllowed();
        }
    }

    private static void answer(HttpCall call, int status, Operations.Change c) {
        call.header("Marathon-Deployment-Id", c.deploymentId());
        call.json(status, Bodies.change(c));
    }

    private static void show(HttpCall call, Snapshot snap, GroupPath path) {
        GroupTree tree = snap.tree();
        if (!tree.exists(path.id())) {
            throw MarathonException.groupNotFound(path.id().toString());
        }
        call.json(200, GroupViews.group(path.id(), tree, snap, GroupViews.Embed.of(call.queries("embed"))));
    }

    private static void read(HttpCall call, Operations ops, GroupPath path) {
        switch (path.kind()) {
            case VERSIONS -> {
                ArrayNode out = MarathonJson.MAPPER.createArrayNode();
                ops.groupVersions(path.id()).forEach(out::add);
                call.json(200, out);
            }
            case VERSION -> {
                GroupTree then = ops.groupAt(path.id(), path.version()).orElseThrow(() -> MarathonException
                        .groupNotFound(path.id().toString()));
                call.json(200, GroupViews.group(path.id(), then, null, GroupViews.Embed.of(call.queries("embed"))));
            }
            default -> {
                Snapshot snap = ops.snapshot();
                GroupTree tree = snap.tree();
                if (!tree.exists(path.id())) {
                    throw MarathonException.groupNotFound(path.id().toString());
                }
                ArrayNode out = MarathonJson.MAPPER.createArrayNode();
                for (AppDefinition a : tree.appsUnder(path.id())) {
                    out.add(Views.appInfo(a, snap, Set.of()));
                }
                call.json(200, out);
            }
        }
    }
}
