package io.plumbery.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.chronos.ChronosConfig;
import io.plumbery.runtime.chronos.ChronosServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;

/** ZooKeeper, a master, two agents and Chronos instances in-process on loopback, and calls to Chronos's API. */
final class ChronosCluster implements AutoCloseable {
    /** Retries come quickly here; Chronos waits a minute by default. */
    static final Duration FAILURE_RETRY = Duration.ofMillis(300);

    record Reply(int status, String body, String location) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    final TestingServer zk;
    final MasterServer master;
    final List<AgentServer> agents = new ArrayList<>();
    final List<ChronosServer> chronos = new ArrayList<>();

    ChronosCluster(Path dir) throws Exception {
        zk = new TestingServer(Cluster.freePort("127.0.0.1"), true);
        master = Cluster.master("127.0.0.1", url("/mesos"), dir.resolve("master"));
        for (int i = 0; i < 2; i++) {
            agents.add(Cluster.agent("127.0.0." + (2 + i), url("/mesos"), dir.resolve("agent" + i)));
        }
    }

    private String url(String path) {
        return "zk://" + zk.getConnectString() + path;
    }

    boolean ready() {
        return master.isLeader() && agents.stream().allMatch(AgentServer::isRegistered);
    }

    ChronosServer startChronos() throws Exception {
        ChronosServer c = new ChronosServer(ChronosConfig.of("127.0.0.1", 0, url("/mesos"), url("/chronos"))
                .withFailureRetry(FAILURE_RETRY));
        c.start();
        chronos.add(c);
        return c;
    }

    static Reply call(ChronosServer to, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + to.endpoint() + path))
                .timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = Cluster.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    }

    static JsonNode stats(ChronosServer to, String job) throws Exception {
        return call(to, "GET", "/v1/scheduler/job/stat/" + job, null).json();
    }

    @Override
    public void close() throws Exception {
        for (ChronosServer c : chronos) {
            c.close();
        }
        for (AgentServer a : agents) {
            a.close();
        }
        master.close();
        zk.close();
    }
}
