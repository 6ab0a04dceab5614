package io.plumbery.runtime.master.api;

import static io.plumbery.runtime.acls.JsonLists.retain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.TaskRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The master's state JSON with what a principal may not view taken out, as Mesos's endpoints and v1 calls filter
 * (objects left out, never a 403): frameworks by {@code view_frameworks}, their tasks by {@code view_tasks} too, roles
 * by {@code view_roles}, {@code /master/state}'s flags by {@code view_flags}. Made from the state after the JSON was
 * written, so that anything new since is left out rather than shown unchecked.
 */
final class ViewFilter {
    private static final String[] V0_TASK_LISTS = {"tasks", "completed_tasks", "unreachable_tasks"};
    private static final String[] V1_TASK_LISTS = {"tasks", "completed_tasks", "unreachable_tasks", "orphan_tasks"};

    private final Viewer viewer;
    private final Set<String> frameworks = new HashSet<>();
    private final Set<String> tasks = new HashSet<>();

    /** Call under the state lock. */
    ViewFilter(Viewer viewer, MasterState s) {
        this.viewer = viewer;
        if (viewer.seesAll()) {
            return;
        }
        Map<String, FrameworkInfo> infos = new HashMap<>();
        s.completedFrameworks.forEach(fw -> infos.put(fw.id(), fw.info()));
        s.frameworks.values().forEach(fw -> infos.put(fw.id(), fw.info()));
        infos.forEach((id, info) -> {
            if (viewer.seesFramework(userOf(info))) {
                frameworks.add(id);
            }
        });
        for (FrameworkRecord fw : s.frameworks.values()) {
            fw.tasks().values().forEach(t -> addTask(t, fw.info()));
        }
        s.completedTasks.forEach(t -> addTask(t, infos.get(t.frameworkId())));
    }

    private void addTask(TaskRecord t, FrameworkInfo framework) {
        if (frameworks.contains(t.frameworkId()) && viewer.seesTask(userOf(framework), userOf(t.info()))) {
            tasks.add(key(t.frameworkId(), t.id()));
        }
    }

    /** The framework's user; none known (a framework recovered without its info) is asked as any user. */
    static String userOf(FrameworkInfo framework) {
        return framework == null ? null : framework.user();
    }

    /** The task's own user, else its executor's; null for its framework's, as Mesos's authorizer takes it. */
    static String userOf(TaskInfo task) {
        if (task.command() != null && task.command().user() != null) {
            return task.command().user();
        }
        JsonNode executorUser = task.executor() == null ? null : task.executor().path("command").get("user");
        return executorUser != null && executorUser.isTextual() ? executorUser.asText() : null;
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + '\n' + taskId;
    }

    /** {@code /master/state} and {@code /master/frameworks}: frameworks, their tasks, and the flags. */
    ObjectNode v0State(ObjectNode state) {
        if (viewer.seesAll()) {
            return state;
        }
        for (String list : new String[] {"frameworks", "completed_frameworks"}) {
            retain(state.path(list), f -> frameworks.contains(f.path("id").asText()));
            state.path(list).forEach(f -> {
                for (String tasksList : V0_TASK_LISTS) {
                    retain(f.path(tasksList), this::seesV0Task);
                }
            });
        }
        if (state.has("flags") && !viewer.seesFlags()) {
            state.remove("flags");
        }
        return state;
    }

    /** {@code /master/tasks}. */
    ObjectNode v0Tasks(ObjectNode body) {
        if (!viewer.seesAll()) {
            retain(body.path("tasks"), this::seesV0Task);
        }
        return body;
    }

    /** {@code /master/state-summary}: frameworks, and on each agent the ids of the frameworks it runs. */
    ObjectNode v0Summary(ObjectNode summary) {
        if (!viewer.seesAll()) {
            retain(summary.path("frameworks"), f -> frameworks.contains(f.path("id").asText()));
            summary.path("slaves").forEach(a -> retain(a.path("framework_ids"), id -> frameworks.contains(id.asText())));
        }
        return summary;
    }

    /** v1 GET_STATE (and SUBSCRIBED's state): its tasks and frameworks. */
    ObjectNode v1State(ObjectNode state) {
        if (!viewer.seesAll()) {
            v1Tasks((ObjectNode) state.path("get_tasks"));
            v1Frameworks((ObjectNode) state.path("get_frameworks"));
        }
        return state;
    }

    ObjectNode v1Frameworks(ObjectNode body) {
        if (!viewer.seesAll()) {
            for (String list : new String[] {"frameworks", "completed_frameworks"}) {
                retain(body.path(list), f -> frameworks.contains(f.path("framework_info").path("id").path("value").asText()));
            }
        }
        return body;
    }

    ObjectNode v1Tasks(ObjectNode body) {
        if (!viewer.seesAll()) {
            for (String list : V1_TASK_LISTS) {
                retain(body.path(list), t -> tasks.contains(
                        key(t.path("framework_id").path("value").asText(), t.path("task_id").path("value").asText())));
            }
        }
        return body;
    }

    private boolean seesV0Task(JsonNode t) {
        return tasks.contains(key(t.path("framework_id").asText(), t.path("id").asText()));
    }

    /** {@code /master/roles} ({@code roles} of {@code name}s) and v1 GET_ROLES alike: no state needed. */
    static JsonNode roles(Viewer viewer, JsonNode roles) {
        if (!viewer.seesAll()) {
            retain(roles, r -> viewer.seesRole(r.path("name").asText()));
        }
        return roles;
    }
}
