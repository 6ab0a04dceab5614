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

    private ClusterSecrets() {
    }

    /**
     * The deploy's authorization (bootstrap-templates' mesos-acls.json), but with tasks run as any user, since the
     * tests start them as whoever runs the build: nothing is allowed that no ACL grants; frameworks are registered by
     * marathon, chronos and admin; only admin tears frameworks down or makes operator changes; only agent registers
     * agents.
     */
    public static final String ACLS = """
            {"permissive": false,
             "register_frameworks": [{"principals": {"values": ["marathon", "chronos", "admin"]}, "roles": {"type": "ANY"}}],
             "run_tasks": [{"principals": {"values": ["marathon", "chronos", "admin"]}, "users": {"type": "ANY"}}],
             "teardown_frameworks": [{"principals": {"values": ["admin"]}, "framework_principals": {"type": "ANY"}}],
             "register_agents": [{"principals": {"values": ["agent"]}, "agents": {"type": "ANY"}}],
             "view_flags": [{"principals": {"values": ["admin"]}, "flags": {"type": "ANY"}}],
             "get_endpoints": [{"principals": {"values": ["admin", "dns"]}, "paths": {"type": "ANY"}}],
             "update_weights": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}}],
             "update_quotas": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}}],
             "drain_agents": [{"principals": {"values": ["admin"]}, "agents": {"type": "ANY"}}]}""";

    public static MasterAuth master() {
        return MasterAuth.all(Credentials.of(ADMIN, MARATHON, AGENT, DNS)).withAcls(Authorizer.parse(ACLS));
    }

    public static AgentAuth agent() {
        return new AgentAuth(AGENT, Credentials.of(ADMIN), true, true);
    }

    public static MarathonAuth marathon() {
        return new MarathonAuth(Credentials.of(ADMIN), MarathonAuth.DEFAULT_REALM, MARATHON.principal(), MARATHON);
    }

    public static DnsAuth dns() {
        return new DnsAuth(DNS, Credentials.of(ADMIN));
    }
}
