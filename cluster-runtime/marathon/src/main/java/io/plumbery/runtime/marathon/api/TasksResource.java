package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v2/tasks[?status=]}, {@code POST /v2/tasks/delete[?scale=&force=]}: every app's tasks. */
final class TasksResource implements RouteTable.Resource {

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", "/v2/tasks", this::list),
                Route.leader("POST", "/v2/tasks/delete", this::kill));
    }

    private void list(HttpCall call, MarathonScheduler scheduler) {
        call.json(200, Bodies.tasks(scheduler.operations().snapshot(), null, call.query("status")));
    }

    private void kill(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        List<String> ids = taskIds(AppRequests.parse(call.body()));
        Operations.Killed killed = ops.kill(ids, call.flag("scale"), call.flag("force"));
        call.json(200, killed.change() != null ? Bodies.change(killed.change())
                : Bodies.taskList(killed.tasks(), ops.snapshot()));
    }

    /** {@code {"ids": [...]}}: a list of task id strings, else Marathon's 422 at the first wrong place. */
    private static List<String> taskIds(JsonNode body) {
        JsonNode list = body.path("ids");
        if (!list.isArray()) {
            throw MarathonException.invalid(List.of(Violation.of("/ids", "error.expected.jsarray")));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw MarathonException.invalid(List.of(Violation.of("/ids(" + ids.size() + ")",
                        "error.expected.jsstring")));
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
