package io.plumbery.runtime.acls;

/**
 * The authorizable actions of Mesos's local authorizer that this runtime asks about: the key of their list in the
 * {@code --acls} JSON, the name of the object entity in each ACL of it, and whether that object is a role (roles
 * take Mesos's recursive {@code parent/%} values).
 */
public enum Action {
    REGISTER_FRAMEWORK("register_frameworks", "roles", true),
    RUN_TASK("run_tasks", "users", false),
    TEARDOWN_FRAMEWORK("teardown_frameworks", "framework_principals", false),
    UPDATE_WEIGHT("update_weights", "roles", true),
    GET_QUOTA("get_quotas", "roles", true),
    UPDATE_QUOTA("update_quotas", "roles", true),
    VIEW_ROLE("view_roles", "roles", true),
    GET_ENDPOINT_WITH_PATH("get_endpoints", "paths", false),
    VIEW_FRAMEWORK("view_frameworks", "users", false),
    VIEW_TASK("view_tasks", "users", false),
    VIEW_EXECUTOR("view_executors", "users", false),
    ACCESS_SANDBOX("access_sandboxes", "users", false),
    ACCESS_MESOS_LOG("access_mesos_logs", "logs", false),
    VIEW_FLAGS("view_flags", "flags", false),
    SET_LOG_LEVEL("set_log_level", "level", false),
    VIEW_CONTAINER("view_containers", "users", false),
    REGISTER_AGENT("register_agents", "agents", false),
    UPDATE_MAINTENANCE_SCHEDULE("update_maintenance_schedules", "machines", false),
    GET_MAINTENANCE_SCHEDULE("get_maintenance_schedules", "machines", false),
    START_MAINTENANCE("start_maintenances", "machines", false),
    STOP_MAINTENANCE("stop_maintenances", "machines", false),
    GET_MAINTENANCE_STATUS("get_maintenance_statuses", "machines", false),
    MARK_AGENT_GONE("mark_agents_gone", "agents", false),
    DRAIN_AGENT("drain_agents", "agents", false),
    DEACTIVATE_AGENT("deactivate_agents", "agents", false),
    REACTIVATE_AGENT("reactivate_agents", "agents", false);

    final String key;
    final String objects;
    final boolean roles;

    Action(String key, String objects, boolean roles) {
        this.key = key;
        this.objects = objects;
        this.roles = roles;
    }

    /** The key of this action's list in the {@code --acls} JSON. */
    public String key() {
        return key;
    }
}
