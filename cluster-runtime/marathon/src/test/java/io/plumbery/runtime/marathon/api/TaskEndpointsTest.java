package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text listing of tasks, as Marathon 1.x's for load balancers: one line per app and service port. */
class TaskEndpointsTest {

    static MarathonTask task(String id, String appId, String host, String state, Integer... ports) {
        return new MarathonTask(id, appId, "v1", "v1", "agent-1", host, Map.of(), List.of(ports), state,
                "2024-01-01T00:00:00.000Z", null, 1, 0, false);
    }

    static AppDefinition parse(String json) throws Exception {
        return MarathonJson.MAPPER.readValue(json, AppDefinition.class).withDefaults();
    }

    @Test
    void eachServicePortListsTheRunningTasksHostPortsAndAnAppWithoutPortsItsHosts() throws Exception {
        AppDefinition web = parse("{\"id\":\"/prod/web\",\"cmd\":\"x\",\"portDefinitions\":[{\"port\":"
                + "10001},{\"port\":10002}]}");
        AppDefinition worker = parse("{\"id\":\"/worker\",\"cmd\":\"x\",\"portDefinitions\":[]}");
        List<MarathonTask> tasks = List.of(task("w.1", "/prod/web", "10.0.0.2", "TASK_RUNNING", 31000, 31001),
                task("w.2", "/prod/web", "10.0.0.3", "TASK_RUNNING", 31005, 31006),
                task("w.3", "/prod/web", "10.0.0.4", "TASK_STAGING", 31007, 31008),
                task("k.1", "/worker", "10.0.0.5", "TASK_RUNNING"));
        Snapshot snap = new Snapshot(List.of(web, worker), List.of(), tasks, List.of(), Map.of(), Map.of(), List.of(),
                Map.of(), null, false);
        assertThat(TaskEndpoints.render(snap.apps(), snap)).isEqualTo(
                "prod_web\t10001\t10.0.0.2:31000\t10.0.0.3:31005\t\n"
                + "prod_web\t10002\t10.0.0.2:31001\t10.0.0.3:31006\t\n"
                + "worker\t \t10.0.0.5\t\n");
    }
}
