package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.dns.DnsConfig;
import io.plumbery.runtime.dns.DnsServer;
import io.plumbery.runtime.dns.HostResolver;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security suite against a real in-process cluster with every authentication on (ZooKeeper, a master, an agent,
 * a leading and a standby Marathon, Mesos-DNS), as the deploy configures them: each API refuses a caller without
 * credentials (401) and answers one with them (200); a framework cannot take another principal's framework id (an
 * ERROR event, as Mesos refuses it, and 400 for its calls);
 * the agent obeys only its master (403); a fake agent cannot register (401); an app launched through Marathon runs.
 * Prints the table of probes (probe, expected, seen), then checks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential ADMIN = ClusterSecrets.ADMIN;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Probe> probes = new ArrayList<>();

    @TempDir
    static Path dir;
    TestCluster cluster;
    MarathonServer leader;
    MarathonServer standby;
    DnsServer dns;

    record Probe(String probe, String expected, String seen) {
    }

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(dir, 1, 1, true);
        await().atMost(WAIT).until(cluster::ready);
        MarathonServer first = cluster.marathon();
        MarathonServer second = cluster.marathon();
        await().atMost(WAIT).until(() -> first.isLeader() || second.isLeader());
        leader = first.isLeader() ? first : second;
        standby = leader == first ? second : first;
        await().atMost(WAIT).until(() -> leader.scheduler() != null && leader.scheduler().isSubscribed()
                && leader.scheduler().frameworkId() != null);
        DnsConfig config = DnsConfig.of(cluster.mesosUrl(), "mesos").withListener("127.0.0.1", 0, 0)
                .withRefresh(Duration.ofMillis(500));
        dns = new DnsServer(config, host -> HostResolver.isIpLiteral(host) ? List.of(host) : List.of(),
                ClusterSecrets.dns());
        dns.start();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {dns, cluster}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void everyApiAsksForCredentialsAndTheChainWorksWithThem() throws Exception {
        String master = "127.0.0.1:" + cluster.master.port();
        AgentServer agentServer = cluster.agents.get(0);
        String agent = "127.0.0.2:" + agentServer.port();
        String marathon = leader.endpoint();
        String health = "{\"type\":\"GET_HEALTH\"}";

        withAndWithout("master read-only GET /master/state", "GET", master, "/master/state", null);
        withAndWithout("master operator POST /api/v1 GET_HEALTH", "POST", master, "/api/v1", health);
        withAndWithout("master scheduler POST /api/v1/scheduler SUBSCRIBE", "POST", master, "/api/v1/scheduler",
                subscribe("admin", null));
        withAndWithout("agent read-only GET /state", "GET", agent, "/state", null);
        withAndWithout("agent operator POST /api/v1 GET_HEALTH", "POST", agent, "/api/v1", health);
        await().atMost(WAIT).until(agentServer::isRegistered);
        withAndWithout("agent /state through the master's /agent/ID/", "GET", master,
                "/agent/" + agentServer.agentId().orElseThrow() + "/state", null);
        record("a write through the master's /agent/ID/", 405,
                status("POST", master, "/agent/" + agentServer.agentId().orElseThrow() + "/api/v1", health, ADMIN));
        withAndWithout("Marathon GET /v2/apps", "GET", marathon, "/v2/apps", null);
        withAndWithout("Marathon standby GET /v2/apps (forwarded)", "GET", standby.endpoint(), "/v2/apps", null);
        withAndWithout("DNS GET /v1/config", "GET", "127.0.0.1:" + dns.httpPort(), "/v1/config", null);
        record("master GET /health (open)", 200, status("GET", master, "/health", null, null));
        record("Marathon GET /ping (open)", 200, status("GET", marathon, "/ping", null, null));

        String marathonFramework = leader.scheduler().frameworkId();
        record("SUBSCRIBE as admin with Marathon's framework id", "200 ERROR",
                firstEventType(master, subscribe("admin", marathonFramework), ADMIN));
        record("SUBSCRIBE as admin naming principal marathon", 400,
                status("POST", master, "/api/v1/scheduler", subscribe("marathon", null), ADMIN));
        String teardown = "{\"type\":\"TEARDOWN\",\"framework_id\":{\"value\":\"" + marathonFramework + "\"}}";
        record("TEARDOWN of Marathon's framework as admin", 400,
                status("POST", master, "/api/v1/scheduler", teardown, ADMIN, "any-stream"));
        record("UPDATE_FRAMEWORK handing admin's framework to marathon", 400, handOver(master));
        String launch = Json.write(new AgentMessages.Launch("intruder", null, null));
        record("launch on the agent without the master's token", 403,
                status("POST", agent, AgentMessages.AGENT_LAUNCH, launch, ADMIN));
        record("fake agent registering without credentials", 401,
                status("POST", master, AgentMessages.MASTER_REGISTER, "{}", null));
        String agentAsDns = Json.write(new AgentMessages.Register(new io.plumbery.runtime.protocol.AgentInfo(
                "intruder", 5051, List.of(), List.of(), null), "127.0.0.9:5051", "1.11.0", List.of(), List.of()));
        record("an agent registering as dns (--acls: only agent registers agents)", 403,
                status("POST", master, AgentMessages.MASTER_REGISTER, agentAsDns, ClusterSecrets.DNS));
        record("SUBSCRIBE as dns (--acls: dns registers no framework)", "200 ERROR",
                firstEventType(master, subscribe("dns", null), ClusterSecrets.DNS));
        String operatorTeardown = "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\""
                + marathonFramework + "\"}}}";
        record("operator TEARDOWN of Marathon's framework as dns (--acls)", 403,
                status("POST", master, "/api/v1", operatorTeardown, ClusterSecrets.DNS));
        record("operator GET_FLAGS as dns / as admin (--acls)", "403 / 200",
                status("POST", master, "/api/v1", "{\"type\":\"GET_FLAGS\"}", ClusterSecrets.DNS) + " / "
                        + status("POST", master, "/api/v1", "{\"type\":\"GET_FLAGS\"}", ADMIN));
        record("GET /master/flags as dns / as admin (--acls)", "403 / 200",
                status("GET", master, "/master/flags", null, ClusterSecrets.DNS) + " / "
                        + status("GET", master, "/master/flags", null, ADMIN));
        await().atMost(WAIT).until(dns::isReady);
        record("DNS reads the master's state with its credential", "ready", dns.isReady() ? "ready" : "not ready");

        String app = "{\"id\":\"/secure/sleeper\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16,\"instances\":1}";
        record("POST /v2/apps through the standby", 201, status("POST", standby.endpoint(), "/v2/apps", app, ADMIN));
        Optional<String> state = await().atMost(WAIT).until(() -> taskState(marathon, "/secure/sleeper"),
                s -> s.filter("TASK_RUNNING"::equals).isPresent());
        record("the app's task, launched through master and agent", "TASK_RUNNING", state.orElse("none"));
        for (String view : List.of("/master/frameworks", "/master/state", "/master/tasks", "/master/slaves")) {
            record("GET " + view + " as admin", 200, status("GET", master, view, null, ADMIN));
        }

        System.out.println(table());
        assertThat(probes).allSatisfy(p -> assertThat(p.seen()).as(p.probe()).isEqualTo(p.expected()));
    }

    private void withAndWithout(String probe, String method, String endpoint, String path, String body)
            throws Exception {
        record(probe + " without credentials", 401, status(method, endpoint, path, body, null));
        record(probe + " with credentials", 200, status(method, endpoint, path, body, ADMIN));
    }

    /** The type of the first event of a subscription stream (RecordIO: "LENGTH\n" then the JSON record). */
    private String firstEventType(String endpoint, String body, Credential credential) throws Exception {
        HttpResponse<InputStream> r = send("POST", endpoint, "/api/v1/scheduler", body, credential, null);
        try (InputStream in = r.body()) {
            StringBuilder length = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                length.append((char) c);
            }
            byte[] record = in.readNBytes(Integer.parseInt(length.toString().trim()));
            return r.statusCode() + " " + Json.parse(new String(record, java.nio.charset.StandardCharsets.UTF_8))
                    .path("type").asText();
        }
    }

    private void record(String probe, Object expected, Object seen) {
        probes.add(new Probe(probe, String.valueOf(expected), String.valueOf(seen)));
    }

    private static String subscribe(String principal, String frameworkId) {
        var info = Json.object().put("user", "nobody").put("name", "security-probe").put("principal", principal);
        if (frameworkId != null) {
            info.putObject("id").put("value", frameworkId);
        }
        var call = Json.object().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", info);
        return call.toString();
    }

    /** A framework of admin's, subscribed and live, whose UPDATE_FRAMEWORK names another principal. */
    private int handOver(String master) throws Exception {
        String id = "security-probe-owned";
        HttpResponse<InputStream> subscribed = send("POST", master, "/api/v1/scheduler", subscribe("admin", id),
                ADMIN, null);
        try (InputStream stream = subscribed.body()) {
            String streamId = subscribed.headers().firstValue("Mesos-Stream-Id").orElseThrow();
            var info = Json.object().put("user", "nobody").put("name", "security-probe").put("principal", "marathon");
            info.putObject("id").put("value", id);
            var call = Json.object().put("type", "UPDATE_FRAMEWORK");
            call.putObject("framework_id").put("value", id);
            call.putObject("update_framework").set("framework_info", info);
            return status("POST", master, "/api/v1/scheduler", call.toString(), ADMIN, streamId);
        }
    }

    private int status(String method, String endpoint, String path, String body, Credential credential)
            throws Exception {
        return status(method, endpoint, path, body, credential, null);
    }

    /** The status only: a subscription's event stream is closed as soon as its headers are in. */
    private int status(String method, String endpoint, String path, String body, Credential credential,
                       String streamId) throws Exception {
        HttpResponse<InputStream> r = send(method, endpoint, path, body, credential, streamId);
        r.body().close();
        return r.statusCode();
    }

    private HttpResponse<InputStream> send(String method, String endpoint, String path, String body,
                                           Credential credential, String streamId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + endpoint + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", credential.basicAuthorization());
        }
        if (streamId != null) {
            b.header("Mesos-Stream-Id", streamId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private Optional<String> taskState(String marathon, String appId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + marathon + "/v2/apps" + appId + "/tasks"))
                .header("Authorization", ADMIN.basicAuthorization()).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode tasks = Json.parse(r.body()).path("tasks");
        return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(0).path("state").asText());
    }

    private String table() {
        int width = probes.stream().mapToInt(p -> p.probe().length()).max().orElse(5);
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s  %-12s  %s%n", "probe", "expected",
                "seen"));
        probes.forEach(p -> out.append(String.format("%-" + width + "s  %-12s  %s%n", p.probe(), p.expected(),
                p.seen())));
        return out.toString();
    }
}
