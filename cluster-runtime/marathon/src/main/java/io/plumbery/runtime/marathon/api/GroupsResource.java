package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.List;

/** {@code /v2/groups[/{id}]}: HTTP over {@link Groups}, which renders the tree and turns changes into deployments. */
final class GroupsResource implements RouteTable.Resource {
    private static final String PREFIX = "/v2/groups";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader(RouteTable.ANY, PREFIX, this::group),
                Route.leader(RouteTable.ANY, PREFIX + "/*", this::group));
    }

    private void group(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        PathId group = PathId.parse(call.path().substring(PREFIX.length()));
        String method = call.method();
        switch (method) {
            case "GET" -> call.json(200, Groups.group(group, ops.snapshot(), call.queries("embed")));
            case "POST", "PUT" -> {
                JsonNode body = AppRequests.parse(call.body());
                Operations.Change c = Groups.apply(body, group, method.equals("PUT"), call.flag("force"), ops,
                        ops.snapshot());
                call.json(method.equals("POST") ? 201 : 200, Bodies.change(c));
            }
            case "DELETE" -> call.json(200, Bodies.change(Groups.delete(group, call.flag("force"), ops,
                    ops.snapshot())));
            default -> call.methodNotAllowed();
        }
    }
}
