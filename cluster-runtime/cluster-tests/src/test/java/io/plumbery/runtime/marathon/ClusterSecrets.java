package io.plumbery.runtime.marathon;

import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.dns.DnsAuth;
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

    public static MasterAuth master() {
        return MasterAuth.all(Credentials.of(ADMIN, MARATHON, AGENT, DNS));
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
