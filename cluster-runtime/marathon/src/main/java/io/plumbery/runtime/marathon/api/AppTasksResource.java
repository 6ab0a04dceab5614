package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;

/**
 * {@code /v2/apps/{id}/tasks[/{taskId}]}, reached through {@link AppsResource}: GET lists the app's tasks (JSON, or
 * Marathon's text listing for {@code Accept: text/plain}); DELETE kills one, or all of them (on {@code ?host=} only),
 * {@code ?scale=true} scaling the app down by as many, {@code ?wipe=true} forgetting them at once.
 */
final class AppTasksResource {

    void handle(HttpCall call, Operations ops, AppPath path) {
        List<String> tail = path.tail();
        Snapshot snap = ops.snapshot();
        AppDefinition app = AppsResource.existing(snap, path.id());
        if (call.method().equals("GET") && tail.size() == 1 && TaskEndpoints.wanted(call)) {
            call.text(200, TaskEndpoints.render(List.of(app), snap));
        } else if (call.method().equals("GET") && tail.size() == 1) {
            call.json(200, Bodies.tasks(snap, path.id().toString(), call.query("status")));
        } else if (call.method().equals("DELETE")) {
            kill(call, ops, snap, path);
        } else {
            call.methodNotAllowed();
        }
    }

    private void kill(HttpCall call, Operations ops, Snapshot snap, AppPath path) {
        List<String> tail = path.tail();
        List<String> ids = tail.size() > 1 ? List.of(tail.get(1))
                : snap.tasksOf(path.id().toString()).stream()
                .filter(t -> call.query("host") == null || call.query("host").equals(t.host()))
                .map(MarathonTask::id).toList();
        if (tail.size() > 1 && snap.tasks().stream().noneMatch(t -> t.id().equals(tail.get(1)))) {
            throw MarathonException.of(404, "Task '" + tail.get(1) + "' does not exist");
        }
        Operations.Killed killed = ops.kill(ids, call.flag("scale"), call.flag("force"), TasksResource.wipe(call));
        if (killed.change() != null) {
            call.json(200, Bodies.change(killed.change()));
        } else if (tail.size() > 1) {
            ObjectNode out = MarathonJson.object();
            out.set("task", Views.task(killed.tasks().get(0), snap));
            call.json(200, out);
        } else {
            call.json(200, Bodies.taskList(killed.tasks(), snap));
        }
    }
}
