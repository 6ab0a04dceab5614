package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.registry.Mark;
import io.plumbery.runtime.registry.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three masters, three agents, Marathon running an app: the leading master is killed while one agent is stopped. The
 * new leader recovers the registry; the agents that come back keep their tasks (Marathon replaces none of them: it gets
 * no answer for their tasks until they are back, then TASK_RUNNING); the stopped agent stays "recovered" until
 * {@code --agent_reregister_timeout}, is then marked unreachable in the registry, and Marathon gets TASK_UNREACHABLE for
 * its tasks and replaces them.
 */
class RegistryFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration REREGISTER = Duration.ofSeconds(6);
    static final Set<String> NOT_RUNNING = Set.of("TASK_LOST", "TASK_UNKNOWN", "TASK_GONE", "TASK_UNREACHABLE",
            "TASK_DROPPED", "TASK_KILLED", "TASK_KILLING", "TASK_FAILED", "TASK_GONE_BY_OPERATOR");
    final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void newLeaderRecoversTheRegistryKeepsHealthyTasksAndReportsTheStoppedAgentsTasksUnreachable() throws Exception {
        cluster = new TestCluster(dir, 3, 3, false, RegistryConfig.defaults().withAgentReregisterTimeout(REREGISTER));
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.scheduler() != null && marathon.scheduler().isSubscribed());
        MarathonClient client = new MarathonClient(marathon.endpoint());
        client.listen();
        assertThat(client.send("POST", "/v2/apps", MarathonIT.app("/rf/app", 4,
                ",\"constraints\":[[\"hostname\",\"MAX_PER\",\"2\"]]")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> client.running("/rf/app").size() == 4);
        List<JsonNode> before = client.running("/rf/app");

        // the victim: an agent running some of the tasks; the others' tasks must survive the failover untouched
        String victimHost = before.get(0).path("host").asText();
        AgentServer victim = cluster.agents.stream().filter(a -> agentHost(a).equals(victimHost)).findFirst().orElseThrow();
        String victimId = victim.agentId().orElseThrow();
        Set<String> victimTasks = ids(before.stream().filter(t -> t.path("host").asText().equals(victimHost)).toList());
        Set<String> survivingTasks = ids(before.stream().filter(t -> !t.path("host").asText().equals(victimHost)).toList());
        assertThat(survivingTasks).isNotEmpty();

        MasterServer leader = cluster.masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
        victim.close();
        leader.close();
        long killed = System.nanoTime();

        await().atMost(WAIT).until(() -> cluster.masters.stream().anyMatch(m -> m != leader && m.isLeader()));
        MasterServer newLeader = cluster.masters.stream().filter(m -> m != leader && m.isLeader()).findFirst().orElseThrow();
        String endpoint = "127.0.0.1:" + newLeader.port();
        // recovered from the registry, not re-registered: listed as Mesos lists such agents
        JsonNode agents = operator(endpoint, "GET_AGENTS").path("get_agents");
        assertThat(agents.path("recovered_agents").toString()).contains(victimId);
        assertThat(Json.MAPPER.readTree(get(endpoint, "/master/slaves")).path("recovered_slaves").toString())
                .contains(victimId);

        List<AgentServer> survivors = cluster.agents.stream().filter(a -> a != victim).toList();
        await().atMost(WAIT).until(() -> survivors.stream().allMatch(a -> a.isRegistered()
                && endpoint.equals(a.registeredWith())) && marathon.scheduler().isSubscribed());

        await().atMost(REREGISTER.plus(WAIT)).pollInterval(Duration.ofMillis(100))
                .until(() -> updates(client, victimTasks, "TASK_UNREACHABLE").size() == victimTasks.size());
        long reportedMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(reportedMillis).isBetween(REREGISTER.toMillis() - 1_000, REREGISTER.toMillis() + 15_000);
        assertThat(updates(client, victimTasks, "TASK_UNREACHABLE")).allSatisfy(u ->
                assertThat(u.path("message").asText()).isEqualTo("Reconciliation: Task is unreachable"));
        assertThat(newLeader.core().registrar().current().orElseThrow().unreachable()).extracting(Mark::id)
                .containsExactly(victimId);
        JsonNode state = Json.MAPPER.readTree(get(endpoint, "/master/state"));
        assertThat(state.path("unreachable_slaves").asInt()).isEqualTo(1);
        assertThat(state.path("recovered_slaves")).isEmpty();

        // Marathon replaced the unreachable tasks only: the survivors' tasks never left TASK_RUNNING
        await().atMost(WAIT).until(() -> client.running("/rf/app").size() == 4);
        assertThat(ids(client.running("/rf/app"))).containsAll(survivingTasks).doesNotContainAnyElementsOf(victimTasks);
        assertThat(client.events.stream().filter(e -> e.path("eventType").asText().equals("status_update_event"))
                .filter(e -> survivingTasks.contains(e.path("taskId").asText()))
                .map(e -> e.path("taskStatus").asText())).doesNotContainAnyElementsOf(NOT_RUNNING);
        System.out.printf("registry failover: %d surviving tasks kept, %d unreachable after %d ms%n",
                survivingTasks.size(), victimTasks.size(), reportedMillis);
    }

    /** The address TestCluster gives the agent, which is also its hostname. */
    private String agentHost(AgentServer agent) {
        return "127.0.0." + (2 + cluster.agents.indexOf(agent));
    }

    private static List<JsonNode> updates(MarathonClient client, Set<String> taskIds, String state) {
        return client.events.stream().filter(e -> e.path("eventType").asText().equals("status_update_event"))
                .filter(e -> taskIds.contains(e.path("taskId").asText()) && e.path("taskStatus").asText().equals(state))
                .toList();
    }

    private static Set<String> ids(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    }

    private JsonNode operator(String endpoint, String type) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/api/v1"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\"}")).build();
        return Json.MAPPER.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String get(String endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
