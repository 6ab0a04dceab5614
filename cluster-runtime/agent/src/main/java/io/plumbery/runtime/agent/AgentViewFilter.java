package io.plumbery.runtime.agent;

import static io.plumbery.runtime.acls.JsonLists.retain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.acls.Viewer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's state JSON with what a principal may not view taken out, as Mesos's agent filters it (left out, not
 * refused): frameworks by {@code view_frameworks}, executors by {@code view_executors}, tasks by {@code view_tasks},
 * containers by {@code view_containers}, {@code /state}'s flags by {@code view_flags}. Objects it does not know by the
 * time it is made are left out rather than shown unchecked.
 */
final class AgentViewFilter {
    private final Viewer viewer;
    private final AgentViewers users;
    private final Set<String> executors = new HashSet<>();
    private final Set<String> tasks = new HashSet<>();
    private final Set<String> containers = new HashSet<>();

    AgentViewFilter(Viewer viewer, AgentViewers users, AgentTasks all) {
        this.viewer = viewer;
        this.users = users;
        if (viewer.seesAll()) {
            return;
        }
        List<CommandTask> known = new ArrayList<>(all.completed());
        known.addAll(all.live());
        for (CommandTask t : known) {
            String frameworkUser = users.frameworkUser(t.frameworkId());
            String executorUser = users.executorUser(t);
            String commandUser = t.task().command() == null ? null : t.task().command().user();
            if (viewer.seesExecutor(frameworkUser, executorUser)) {
                executors.add(key(t.frameworkId(), t.executorId()));
            }
            if (viewer.seesTask(frameworkUser, commandUser)) {
                tasks.add(key(t.frameworkId(), t.task().taskId().value()));
            }
            if (viewer.seesContainer(executorUser)) {
                containers.add(key(t.frameworkId(), t.executorId()));
            }
        }
    }

    private static String key(String frameworkId, String id) {
        return frameworkId + '\n' + id;
    }

    private boolean seesFramework(String id) {
        return viewer.seesFramework(users.frameworkUser(id));
    }

    /** {@code /state}: frameworks, their executors and the executors' tasks, and the flags. */
    ObjectNode v0State(ObjectNode state) {
        if (viewer.seesAll()) {
            return state;
        }
        retain(state.path("frameworks"), f -> seesFramework(f.path("id").asText()));
        for (JsonNode f : state.path("frameworks")) {
            String framework = f.path("id").asText();
            for (String list : new String[] {"executors", "completed_executors"}) {
                retain(f.path(list), e -> executors.contains(key(framework, e.path("id").asText())));
                for (JsonNode e : f.path(list)) {
                    for (String taskList : new String[] {"tasks", "completed_tasks", "queued_tasks"}) {
                        retain(e.path(taskList), t -> tasks.contains(key(framework, t.path("id").asText())));
                    }
                }
            }
        }
        if (state.has("flags") && !viewer.seesFlags()) {
            state.remove("flags");
        }
        return state;
    }

    /** {@code /containers}. */
    ArrayNode v0Containers(ArrayNode list) {
        if (!viewer.seesAll()) {
            retain(list, c -> containers.contains(key(c.path("framework_id").asText(), c.path("executor_id").asText())));
        }
        return list;
    }

    /** v1 GET_STATE: its tasks, executors and frameworks. */
    ObjectNode v1State(ObjectNode state) {
        if (!viewer.seesAll()) {
            v1Tasks((ObjectNode) state.path("get_tasks"));
            v1Executors((ObjectNode) state.path("get_executors"));
            v1Frameworks((ObjectNode) state.path("get_frameworks"));
        }
        return state;
    }

    ObjectNode v1Tasks(ObjectNode body) {
        if (!viewer.seesAll()) {
            for (String list : new String[] {"pending_tasks", "queued_tasks", "launched_tasks", "terminated_tasks",
                    "completed_tasks"}) {
                retain(body.path(list), t -> tasks.contains(key(value(t, "framework_id"), value(t, "task_id"))));
            }
        }
        return body;
    }

    ObjectNode v1Executors(ObjectNode body) {
        if (!viewer.seesAll()) {
            for (String list : new String[] {"executors", "completed_executors"}) {
                retain(body.path(list), e -> executors.contains(key(value(e.path("executor_info"), "framework_id"),
                        value(e.path("executor_info"), "executor_id"))));
            }
        }
        return body;
    }

    /** By the framework's user as the framework info says it (GET_STATE's infos carry no id). */
    ObjectNode v1Frameworks(ObjectNode body) {
        if (!viewer.seesAll()) {
            for (String list : new String[] {"frameworks", "completed_frameworks"}) {
                retain(body.path(list), f -> viewer.seesFramework(f.path("framework_info").path("user").asText(null)));
            }
        }
        return body;
    }

    ObjectNode v1Containers(ObjectNode body) {
        if (!viewer.seesAll()) {
            retain(body.path("containers"),
                    c -> containers.contains(key(value(c, "framework_id"), value(c, "executor_id"))));
        }
        return body;
    }

    private static String value(JsonNode node, String field) {
        return node.path(field).path("value").asText();
    }
}
