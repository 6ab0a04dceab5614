package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.marathon.MarathonConfig;
import io.plumbery.runtime.marathon.MarathonServer;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ResourceSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;

/**
 * ZooKeeper, one master on 127.0.0.1, agents on 127.0.0.2.. (host name = address) and Marathon, all in-process on
 * loopback: the minimal parts of marathon/TestCluster that a DNS test needs, plus a JSON HTTP client.
 */
final class DnsTestCluster implements AutoCloseable {
    final TestingServer zk;
    final MasterServer master;
    final List<AgentServer> agents = new ArrayList<>();
    final MarathonServer marathon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    DnsTestCluster(Path dir, int agentCount) throws Exception {
        zk = new TestingServer(freePort(), true);
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, mesosUrl(), dir.resolve("master"))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        master.start();
        for (int i = 0; i < agentCount; i++) {
            AgentServer agent = new AgentServer(AgentConfig.of("127.0.0." + (2 + i), 0, mesosUrl(),
                            ResourceSpec.parseResources("cpus:4;mem:4096;disk:10000;ports:[31000-31100]"),
                            dir.resolve("agent" + i))
                    .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2)));
            agent.start();
            agents.add(agent);
        }
        marathon = new MarathonServer(MarathonConfig.of("127.0.0.1", 0, mesosUrl(),
                "zk://" + zk.getConnectString() + "/marathon").withDeclineOfferSeconds(1));
        marathon.start();
    }

    String mesosUrl() {
        return "zk://" + zk.getConnectString() + "/mesos";
    }

    boolean ready() {
        return master.isLeader() && agents.stream().allMatch(AgentServer::isRegistered) && marathon.isLeader()
                && marathon.scheduler() != null && marathon.scheduler().isSubscribed();
    }

    /** Sends JSON to Marathon; the reply's JSON body. */
    JsonNode marathon(String method, String path, String json) throws Exception {
        return call("http://" + marathon.endpoint() + path, method, json);
    }

    JsonNode call(String url, String method, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.read(response.body(), JsonNode.class);
    }

    /** The app's TASK_RUNNING tasks as Marathon lists them ({@code GET /v2/apps/{id}/tasks}). */
    List<JsonNode> running(String appId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode task : marathon("GET", "/v2/apps" + appId + "/tasks", null).path("tasks")) {
            if (task.path("state").asText().equals("TASK_RUNNING")) {
                out.add(task);
            }
        }
        return out;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        marathon.close();
        for (AgentServer agent : agents) {
            agent.close();
        }
        master.close();
        zk.close();
    }
}
