package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;

/** The JSON answers several resources give: an accepted change, a list of tasks. */
final class Bodies {
    private Bodies() {
    }

    static ObjectNode change(Operations.Change c) {
        return MarathonJson.object().put("version", c.version()).put("deploymentId", c.deploymentId());
    }

    /** The tasks of one app (all tasks when {@code appId} is null), only those in {@code status} if given. */
    static ObjectNode tasks(Snapshot snap, String appId, String status) {
        List<MarathonTask> list = appId == null ? snap.tasks() : snap.tasksOf(appId);
        if (status != null) {
            String wanted = "TASK_" + status.toUpperCase();
            list = list.stream().filter(t -> t.state().equals(wanted)).toList();
        }
        return taskList(list, snap);
    }

    static ObjectNode taskList(List<MarathonTask> list, Snapshot snap) {
        ObjectNode out = MarathonJson.object();
        ArrayNode arr = out.putArray("tasks");
        list.forEach(t -> arr.add(Views.task(t, snap)));
        return out;
    }
}
