<#-- what each principal may do at the master (Mesos's --acls, its local authorizer's format): nothing that no ACL
     grants; read by plumbery-mesos-master.service. Principals: the plan's (information --credentials). -->
<#assign frameworks = '{"values": ["' + principals.marathon + '", "' + principals.chronos + '", "' + principals.admin + '"]}'>
<#assign admin = '{"values": ["' + principals.admin + '"]}'>
{
  "permissive": false,
  "register_frameworks": [{"principals": [=frameworks], "roles": {"type": "ANY"}}],
  "run_tasks": [{"principals": [=frameworks], "users": {"values": ["[=settings.taskUser]"]}}],
  "teardown_frameworks": [{"principals": [=admin], "framework_principals": {"type": "ANY"}}],
  "register_agents": [{"principals": {"values": ["[=principals.agent]"]}, "agents": {"type": "ANY"}}],
  "view_flags": [{"principals": [=admin], "flags": {"type": "ANY"}}],
  "get_endpoints": [{"principals": {"values": ["[=principals.admin]", "[=principals.dns]"]}, "paths": {"type": "ANY"}}],
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
