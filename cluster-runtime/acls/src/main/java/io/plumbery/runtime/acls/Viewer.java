package io.plumbery.runtime.acls;

/**
 * What one principal may view and access, as Mesos's local authorizer decides it from the objects' users: a framework
 * by its user ({@code view_frameworks}), a task by its user (its own, else its executor's, else its framework's:
 * {@code view_tasks}), an executor and its sandbox by the executor's user ({@code view_executors},
 * {@code access_sandboxes}), a container by its user ({@code view_containers}), a role by name ({@code view_roles}),
 * the flags and the agent's log ({@code view_flags}, {@code access_mesos_logs}). The subject is the authenticated
 * principal; without one only ACLs for any principal apply. A null user (an object whose user is not known) is asked
 * as any user, so only an ACL granting every user lets it through.
 */
public record Viewer(Authorizer authorizer, String principal) {
    /** Whether nothing is to be filtered: no {@code --acls}. */
    public boolean seesAll() {
        return !authorizer.configured();
    }

    public boolean seesFramework(String frameworkUser) {
        return authorizer.authorized(Action.VIEW_FRAMEWORK, principal, frameworkUser);
    }

    /** A task of a framework the principal may view, and the task itself by its user (null: its framework's). */
    public boolean seesTask(String frameworkUser, String taskUser) {
        return seesFramework(frameworkUser)
                && authorizer.authorized(Action.VIEW_TASK, principal, taskUser == null ? frameworkUser : taskUser);
    }

    public boolean seesExecutor(String frameworkUser, String executorUser) {
        return seesFramework(frameworkUser) && authorizer.authorized(Action.VIEW_EXECUTOR, principal,
                executorUser == null ? frameworkUser : executorUser);
    }

    public boolean seesSandbox(String executorUser) {
        return authorizer.authorized(Action.ACCESS_SANDBOX, principal, executorUser);
    }

    public boolean seesContainer(String user) {
        return authorizer.authorized(Action.VIEW_CONTAINER, principal, user);
    }

    public boolean seesLog() {
        return authorizer.authorized(Action.ACCESS_MESOS_LOG, principal);
    }

    public boolean seesRole(String role) {
        return authorizer.authorized(Action.VIEW_ROLE, principal, role);
    }

    public boolean seesFlags() {
        return authorizer.authorized(Action.VIEW_FLAGS, principal);
    }
}
