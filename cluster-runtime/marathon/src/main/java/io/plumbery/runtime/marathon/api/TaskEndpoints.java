package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.List;

/**
 * The {@code text/plain} listing of {@code /v2/tasks} and {@code /v2/apps/{id}/tasks}, as Marathon 1.x's
 * {@code EndpointsHelper} wrote it for load balancers: per app and service port a line {@code app_id TAB port TAB}
 * then {@code host:hostPort TAB} for each running task (an app without service ports: a blank port and the hosts).
 */
final class TaskEndpoints {
    static final String TEXT = "text/plain";

    private TaskEndpoints() {
    }

    /** Whether the client asks for the text listing ({@code Accept: text/plain}, JSON not among its choices). */
    static boolean wanted(HttpCall call) {
        String accept = call.header("Accept");
        return accept != null && accept.contains(TEXT) && !accept.contains("application/json");
    }

    static String render(List<AppDefinition> apps, Snapshot snap) {
        StringBuilder out = new StringBuilder();
        for (AppDefinition app : apps) {
            String name = app.pathId().safeName();
            List<MarathonTask> running = snap.tasksOf(app.id()).stream().filter(MarathonTask::isRunning).toList();
            List<AppDefinition.PortDefinition> ports = app.effectivePorts();
            if (ports.isEmpty()) {
                out.append(name).append("\t \t");
                running.forEach(t -> out.append(t.host()).append('\t'));
                out.append('\n');
                continue;
            }
            for (int i = 0; i < ports.size(); i++) {
                out.append(name).append('\t').append(ports.get(i).port()).append('\t');
                for (MarathonTask t : running) {
                    if (i < t.ports().size()) {
                        out.append(t.host()).append(':').append(t.ports().get(i)).append('\t');
                    }
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
