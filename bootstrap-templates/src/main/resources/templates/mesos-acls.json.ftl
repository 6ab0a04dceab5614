<#-- what each principal may do and see at the masters and agents (Mesos's --acls, its local authorizer's format):
     nothing that no ACL grants; read by plumbery-mesos-master.service and plumbery-mesos-agent.service. Views go by
     user, as Mesos's do: marathon and chronos see the frameworks, tasks and sandboxes of the task user, dns and admin
     every framework and task. Only admin changes the logging level (set_log_level, and get_endpoints for
     /logging/toggle, which Mesos guards with it). Principals: the plan's (information --credentials). -->
<#assign frameworks = '{"values": ["' + principals.marathon + '", "' + principals.chronos + '", "' + principals.admin + '"]}'>
<#assign admin = '{"values": ["' + principals.admin + '"]}'>
{
  "permissive": false,
  "register_frameworks": [{"principals": [=frameworks], "roles": {"type": "ANY"}}],
  "run_tasks": [{"principals": [=frameworks], "users": {"values": ["[=settings.taskUser]"]}}],
  "teardown_frameworks": [{"principals": [=admin], "framework_principals": {"type": "ANY"}}],
  "register_agents": [{"principals": {"values": ["[=principals.agent]"]}, "agents": {"type": "ANY"}}],
  "view_frameworks": [{"principals": {"values": ["[=principals.admin]", "[=principals.dns]"]}, "users": {"type": "ANY"}},
                      {"principals": {"values": ["[=principals.marathon]", "[=principals.chronos]"]}, "users": {"values": ["[=settings.taskUser]"]}}],
  "view_tasks": [{"principals": {"values": ["[=principals.admin]", "[=principals.dns]"]}, "users": {"type": "ANY"}},
                 {"principals": {"values": ["[=principals.marathon]", "[=principals.chronos]"]}, "users": {"values": ["[=settings.taskUser]"]}}],
  "view_executors": [{"principals": [=admin], "users": {"type": "ANY"}},
                     {"principals": {"values": ["[=principals.marathon]", "[=principals.chronos]"]}, "users": {"values": ["[=settings.taskUser]"]}}],
  "access_sandboxes": [{"principals": [=admin], "users": {"type": "ANY"}},
                       {"principals": {"values": ["[=principals.marathon]", "[=principals.chronos]"]}, "users": {"values": ["[=settings.taskUser]"]}}],
  "access_mesos_logs": [{"principals": [=admin], "logs": {"type": "ANY"}}],
  "view_roles": [{"principals": [=admin], "roles": {"type": "ANY"}}],
  "view_containers": [{"principals": [=admin], "users": {"type": "ANY"}}],
  "view_flags": [{"principals": [=admin], "flags": {"type": "ANY"}}],
  "get_endpoints": [{"principals": [=admin], "paths": {"type": "ANY"}},
                    {"principals": {"values": ["[=principals.dns]"]}, "paths": {"values": ["/metrics/snapshot", "/files/debug", "/containers", "/containerizer/debug", "/monitor/statistics"]}}],
  "set_log_level": [{"principals": [=admin], "level": {"type": "ANY"}}],
  "update_weights": [{"principals": [=admin], "roles": {"type": "ANY"}}],
  "update_quotas": [{"principals": [=admin], "roles": {"type": "ANY"}}],
  "get_maintenance_schedules": [{"principals": [=admin], "machines": {"type": "ANY"}}],
  "update_maintenance_schedules": [{"principals": [=admin], "machines": {"type": "ANY"}}],
  "get_maintenance_statuses": [{"principals": [=admin], "machines": {"type": "ANY"}}],
  "start_maintenances": [{"principals": [=admin], "machines": {"type": "ANY"}}],
  "stop_maintenances": [{"principals": [=admin], "machines": {"type": "ANY"}}],
  "drain_agents": [{"principals": [=admin], "agents": {"type": "ANY"}}],
  "deactivate_agents": [{"principals": [=admin], "agents": {"type": "ANY"}}],
  "reactivate_agents": [{"principals": [=admin], "agents": {"type": "ANY"}}],
  "mark_agents_gone": [{"principals": [=admin], "agents": {"type": "ANY"}}]
}
