package io.plumbery.runtime.marathon;

import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.dns.DnsAuth;
import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.master.MasterAuth;

/**
 * The principals of a secured test cluster, as the deploy makes them: {@code admin} (people), {@code marathon} (the
 * framework), {@code agent} (agents) and {@code dns} (Mesos-DNS reading the master), and each service's flags with
 * everything authenticated.
 */
public final class ClusterSecrets {
    public static final Credential ADMIN = new Credential("admin", "admin-secret");
    public static final Credential MARATHON = new Credential("marathon", "marathon-secret");
    public static final Credential AGENT = new Credential("agent", "agent-secret");
    public static final Credential DNS = new Credential("dns", "dns-secret");
    public static final Credential CHRONOS = new Credential("chronos", "chronos-secret");
    /** The user of the tests' chronos frameworks: another than Marathon's, so that views tell them apart. */
    public static final String CHRONOS_USER = "chronos-user";

    private ClusterSecrets() {
    }

    /**
     * The deploy's authorization (bootstrap-templates' mesos-acls.json), but with tasks run as any user, since the
     * tests start them as whoever runs the build: nothing is allowed that no ACL grants; frameworks are registered by
     * marathon, chronos and admin; only admin tears frameworks down or makes operator changes; only agent registers
     * agents. Views go by user, as Mesos's do: admin and dns see every framework and task, marathon and chronos those
     * of their own users (Marathon's is whoever runs the build), only admin sees roles, flags and every sandbox.
     */
    public static final String ACLS = """
            {"permissive": false,
             "register_frameworks": [{"principals": {"values": ["marathon", "chronos", "admin"]}, "roles": {"type": "ANY"}}],
             "run_tasks": [{"principals": {"values": ["marathon", "chronos", "admin"]}, "users": {"type": "ANY"}}],
             "teardown_frameworks": [{"principals": {"values": ["admin"]}, "framework_principals": {"type": "ANY"}}],
             "register_agents": [{"principals": {"values": ["agent"]}, "agents": {"type": "ANY"}}],
             "view_frameworks": %1$s,
             "view_tasks": %1$s,
             "view_executors": %1$s,
             "access_sandboxes": [{"principals": {"values": ["admin"]}, "users": {"type": "ANY"}},
               {"principals": {"values": ["marathon"]}, "users": {"values": ["%2$s"]}},
               {"principals": {"values": ["chronos"]}, "users": {"values": ["%3$s"]}}],
             "access_mesos_logs": [{"principals": {"values": ["admin"]}, "logs": {"type": "ANY"}}],
             "view_roles": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}}],
             "view_containers": [{"principals": {"values": ["admin"]}, "users": {"type": "ANY"}}],
             "view_flags": [{"principals": {"values": ["admin"]}, "flags": {"type": "ANY"}}],
             "get_endpoints": [{"principals": {"values": ["admin"]}, "paths": {"type": "ANY"}},
               {"principals": {"values": ["dns"]}, "paths": {"values": ["/metrics/snapshot", "/files/debug",
                 "/containers", "/containerizer/debug", "/monitor/statistics"]}}],
             "set_log_level": [{"principals": {"values": ["admin"]}, "level": {"type": "ANY"}}],
             "update_weights": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}}],
             "update_quotas": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}}],
             "drain_agents": [{"principals": {"values": ["admin"]}, "agents": {"type": "ANY"}}]}"""
            .formatted("""
                    [{"principals": {"values": ["admin", "dns"]}, "users": {"type": "ANY"}},
                     {"principals": {"values": ["marathon"]}, "users": {"values": ["%s"]}},
                     {"principals": {"values": ["chronos"]}, "users": {"values": ["%s"]}}]"""
                    .formatted(MarathonConfig.PROCESS_USER, CHRONOS_USER), MarathonConfig.PROCESS_USER, CHRONOS_USER);

    public static MasterAuth master() {
        return MasterAuth.all(Credentials.of(ADMIN, MARATHON, AGENT, DNS, CHRONOS)).withAcls(Authorizer.parse(ACLS));
    }

    public static AgentAuth agent() {
        return new AgentAuth(AGENT, Credentials.of(ADMIN, MARATHON, DNS, CHRONOS), true, true)
                .withAcls(Authorizer.parse(ACLS));
    }

    public static MarathonAuth marathon() {
        return new MarathonAuth(Credentials.of(ADMIN), MarathonAuth.DEFAULT_REALM, MARATHON.principal(), MARATHON);
    }

    public static DnsAuth dns() {
        return new DnsAuth(DNS, Credentials.of(ADMIN));
    }
}
