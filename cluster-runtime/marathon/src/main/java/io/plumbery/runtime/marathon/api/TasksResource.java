package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v2/tasks[?status=]} (JSON, or Marathon's text listing for {@code Accept: text/plain}),
 * {@code POST /v2/tasks/delete[?scale=&wipe=&force=]}: every app's tasks.
 */
final class TasksResource implements RouteTable.Resource {

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", "/v2/tasks", this::list),
                Route.leader("POST", "/v2/tasks/delete", this::kill));
    }

    private void list(HttpCall call, MarathonScheduler scheduler) {
        Snapshot snap = scheduler.operations().snapshot();
        if (TaskEndpoints.wanted(call)) {
            call.text(200, TaskEndpoints.render(snap.apps(), snap));
        } else {
            call.json(200, Bodies.tasks(snap, null, call.query("status")));
        }
    }

    private void kill(HttpCall call, MarathonScheduler scheduler) throws Exception {
        Operations ops = scheduler.operations();
        List<String> ids = taskIds(AppRequests.parse(call.body()));
        Operations.Killed killed = ops.kill(ids, call.flag("scale"), call.flag("force"), wipe(call));
        call.json(200, killed.change() != null ? Bodies.change(killed.change())
                : Bodies.taskList(killed.tasks(), ops.snapshot()));
    }

    /** {@code wipe}: the tasks are forgotten at once; Marathon's 400 when {@code scale} comes with it. */
    static boolean wipe(HttpCall call) {
        boolean wipe = call.flag("wipe");
        if (wipe && call.flag("scale")) {
            throw MarathonException.of(400, "You cannot use scale and wipe at the same time.");
        }
        return wipe;
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
