package io.plumbery.runtime.it;

import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.ResourceSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Helpers to start masters and agents in-process on loopback addresses. */
final class Cluster {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Cluster() {
    }

    static MasterServer master(String ip, String zk, Path workDir) throws Exception {
        return master(ip, zk, workDir, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    static MasterServer master(String ip, String zk, Path workDir, Duration offerTimeout, Duration agentRemoval)
            throws Exception {
        return master(ip, zk, workDir, offerTimeout, agentRemoval, Duration.ofSeconds(15));
    }

    static MasterServer master(String ip, String zk, Path workDir, Duration offerTimeout, Duration agentRemoval,
                               Duration heartbeat) throws Exception {
        return master(ip, zk, workDir, offerTimeout, agentRemoval, heartbeat, MasterAuth.OPEN);
    }

    /** A master whose APIs ask for credentials as {@code auth} says. */
    static MasterServer master(String ip, String zk, Path workDir, MasterAuth auth) throws Exception {
        return master(ip, zk, workDir, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(15), auth);
    }

    private static MasterServer master(String ip, String zk, Path workDir, Duration offerTimeout,
                                       Duration agentRemoval, Duration heartbeat, MasterAuth auth) throws Exception {
        MasterConfig config = MasterConfig.defaults(ip, 0, zk, workDir)
                .withTimeouts(offerTimeout, Duration.ofMillis(200), heartbeat, agentRemoval);
        MasterServer master = new MasterServer(config, Set.of(), auth);
        master.start();
        return master;
    }

    static AgentServer agent(String ip, String master, Path workDir) throws Exception {
        return agent(ip, master, workDir, AgentAuth.OPEN);
    }

    /** An agent that authenticates to the master and asks for credentials as {@code auth} says. */
    static AgentServer agent(String ip, String master, Path workDir, AgentAuth auth) throws Exception {
        AgentConfig config = AgentConfig.of(ip, 0, master,
                        ResourceSpec.parseResources("cpus:4;mem:4096;disk:10000;ports:[31000-31100]"), workDir)
                .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withAttributes(ResourceSpec.parseAttributes("rack:r1"));
        AgentServer agent = new AgentServer(config, Set.of(), auth);
        agent.start();
        return agent;
    }

    static int freePort(String ip) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(String endpoint, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String endpoint, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
