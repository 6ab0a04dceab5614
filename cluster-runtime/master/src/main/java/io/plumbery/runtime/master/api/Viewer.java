package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.TaskInfo;

/**
 * What one principal may view, as Mesos's local authorizer decides it: a framework by its user
 * ({@code view_frameworks}), a task by its own user, else its executor's, else its framework's ({@code view_tasks}),
 * a role by its name ({@code view_roles}), the flags ({@code view_flags}). The subject is the authenticated
 * principal; without one only ACLs for {@code ANY} principal apply.
 */
record Viewer(Authorizer authorizer, String principal) {
    /** Whether nothing is to be filtered: no {@code --acls}. */
    boolean seesAll() {
        return !authorizer.configured();
    }

    boolean seesFramework(FrameworkInfo framework) {
        return authorizer.authorized(Action.VIEW_FRAMEWORK, principal, userOf(framework));
    }

    /** A task of a framework the principal may view, and the task itself by its user. */
    boolean seesTask(TaskInfo task, FrameworkInfo framework) {
        return seesFramework(framework) && authorizer.authorized(Action.VIEW_TASK, principal, userOf(task, framework));
    }

    boolean seesRole(String role) {
        return authorizer.authorized(Action.VIEW_ROLE, principal, role);
    }

    boolean seesFlags() {
        return authorizer.authorized(Action.VIEW_FLAGS, principal);
    }

    /** The framework's user; none known (a framework recovered without its info) asks for any user. */
    private static String userOf(FrameworkInfo framework) {
        return framework == null ? null : framework.user();
    }

    private static String userOf(TaskInfo task, FrameworkInfo framework) {
        if (task != null && task.command() != null && task.command().user() != null) {
            return task.command().user();
        }
        JsonNode executorUser = task == null || task.executor() == null ? null
                : task.executor().path("command").get("user");
        if (executorUser != null && executorUser.isTextual()) {
            return executorUser.asText();
        }
        return userOf(framework);
    }
}
