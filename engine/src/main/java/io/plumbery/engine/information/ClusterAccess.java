package io.plumbery.engine.information;

import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.engine.cluster.ClusterLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a person reaches a deployed cluster's APIs: as the {@code admin} principal, whose secret {@code information
 * --credentials} prints and nothing else does, over HTTPS verified against the plan's authority ({@code --cacert}).
 * The commands it shows name the secret through a shell variable and the command that fills it, never the secret.
 */
final class ClusterAccess {

    /** What each principal is for, as {@code information --credentials} says it. */
    private static final Map<String, String> USES = Map.of(
            ClusterCredentials.ADMIN, "people and tools: Mesos operator and read-only endpoints, agents, Marathon's"
                    + " and Chronos's REST APIs, Mesos-DNS's HTTP API",
            ClusterCredentials.MARATHON, "the Marathon framework toward the master",
            ClusterCredentials.CHRONOS, "the Chronos framework toward the master",
            ClusterCredentials.AGENT, "agents toward the master",
            ClusterCredentials.DNS, "Mesos-DNS reading the master",
            ClusterCredentials.ZOOKEEPER, "ZooKeeper (digest), shared by every service of the cluster");

    private ClusterAccess() {
    }

    /**
     * The admin's way in: a command that reads its secret, then one call to each API (the first master's Mesos,
     * Marathon and Chronos, the first agent, the first master's Mesos-DNS).
     */
    static Information.Access of(Path planFile, ClusterLayout layout, Path authority) {
        String plumbery = "plumbery " + planFile;
        String fetch = "ADMIN_SECRET=$(" + plumbery + " information --secret " + ClusterCredentials.ADMIN + ")";
        ClusterLayout.Member first = layout.masters().get(0);
        String curl = "curl --cacert " + authority + " -u " + ClusterCredentials.ADMIN + ":\"$ADMIN_SECRET\" ";
        List<String> commands = new ArrayList<>(List.of(fetch, curl + ClusterLayout.mesosUrl(first) + "master/state",
                curl + ClusterLayout.marathonUrl(first) + "v2/apps",
                curl + ClusterLayout.chronosUrl(first) + "v1/scheduler/jobs"));
        if (!layout.agents().isEmpty()) {
            commands.add(curl + "https://" + layout.agents().get(0).reachable() + ":" + ClusterLayout.AGENT_PORT + "/state");
        }
        commands.add(curl + "https://" + first.privateAddress() + ":" + ClusterLayout.DNS_HTTP_PORT + "/v1/version");
        return new Information.Access(ClusterCredentials.ADMIN, plumbery + " information --credentials", commands);
    }

    /** Every principal with its secret and what it is for: only where the user asked for them. */
    static List<Information.Credential> credentials(ClusterCredentials credentials) {
        return credentials.all().stream()
                .map(p -> new Information.Credential(p.name(), p.secret(), USES.get(p.name()))).toList();
    }
}
