package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.protocol.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view ACLs of the deploy's rules on a real secured cluster (ZooKeeper, a master, an agent, Marathon running an
 * app, and a framework of chronos's with a user of its own): each principal's state endpoints and v1 calls show only
 * the frameworks, tasks and roles it may view, as Mesos filters them (left out, not refused); the agent, with the same
 * rules as its own {@code --acls}, likewise, and opens a sandbox only to a principal with {@code access_sandboxes} for
 * its user (403 otherwise, also when the master reads it for that principal).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewAclsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential ADMIN = ClusterSecrets.ADMIN;
    private static final Credential MARATHON = ClusterSecrets.MARATHON;
    private static final Credential CHRONOS = ClusterSecrets.CHRONOS;
    private static final Credential DNS = ClusterSecrets.DNS;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;
    TestCluster cluster;
    MarathonServer marathon;
    InputStream chronosStream;
    String master;
    String marathonFramework;
    String chronosFramework;

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(dir, 1, 1, true);
        await().atMost(WAIT).until(cluster::ready);
        master = "127.0.0.1:" + cluster.master.port();
        marathon = cluster.leadingMarathon();
        marathonFramework = marathon.scheduler().frameworkId();
        String app = "{\"id\":\"/views/sleeper\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16,\"instances\":1}";
        assertThat(send("POST", marathon.endpoint(), "/v2/apps", app, ADMIN).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> runningTasks(get("/master/state", ADMIN)) == 1);

        var info = Json.object().put("user", ClusterSecrets.CHRONOS_USER).put("name", "chronos-views")
                .put("principal", CHRONOS.principal());
        var subscribe = Json.object().put("type", "SUBSCRIBE");
        subscribe.putObject("subscribe").set("framework_info", info);
        HttpResponse<InputStream> subscribed = send("POST", master, "/api/v1/scheduler", subscribe.toString(), CHRONOS);
        assertThat(subscribed.statusCode()).isEqualTo(200);
        chronosStream = subscribed.body();
        chronosFramework = Json.parse(record(chronosStream)).path("subscribed").path("framework_id").path("value")
                .asText();
        assertThat(chronosFramework).isNotEmpty();
    }

    @AfterAll
    void stop() throws Exception {
        if (chronosStream != null) {
            chronosStream.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void masterStateShowsEachPrincipalWhatItMayView() throws Exception {
        JsonNode asMarathon = get("/master/state", MARATHON);
        assertThat(frameworkIds(asMarathon.path("frameworks"), "id")).containsExactly(marathonFramework);
        assertThat(runningTasks(asMarathon)).isEqualTo(1);
        assertThat(asMarathon.has("flags")).as("view_flags is admin's").isFalse();

        JsonNode asChronos = get("/master/state", CHRONOS);
        assertThat(frameworkIds(asChronos.path("frameworks"), "id")).containsExactly(chronosFramework);
        assertThat(runningTasks(asChronos)).isZero();

        JsonNode asDns = get("/master/state", DNS);
        assertThat(frameworkIds(asDns.path("frameworks"), "id")).contains(marathonFramework, chronosFramework);
        assertThat(runningTasks(asDns)).isEqualTo(1);
        assertThat(asDns.path("slaves")).hasSize(1);

        JsonNode asAdmin = get("/master/state", ADMIN);
        assertThat(frameworkIds(asAdmin.path("frameworks"), "id")).contains(marathonFramework, chronosFramework);
        assertThat(runningTasks(asAdmin)).isEqualTo(1);
        assertThat(asAdmin.has("flags")).isTrue();
    }

    @Test
    void theOtherStateEndpointsFilterAlike() throws Exception {
        assertThat(frameworkIds(get("/master/frameworks", CHRONOS).path("frameworks"), "id"))
                .containsExactly(chronosFramework);
        assertThat(frameworkIds(get("/master/frameworks", ADMIN).path("frameworks"), "id"))
                .contains(marathonFramework, chronosFramework);
        assertThat(get("/master/tasks", MARATHON).path("tasks")).hasSize(1);
        assertThat(get("/master/tasks", CHRONOS).path("tasks")).isEmpty();

        JsonNode summary = get("/master/state-summary", CHRONOS);
        assertThat(frameworkIds(summary.path("frameworks"), "id")).containsExactly(chronosFramework);
        assertThat(summary.path("slaves").get(0).path("framework_ids").toString()).doesNotContain(marathonFramework);
        assertThat(get("/master/state-summary", MARATHON).path("slaves").get(0).path("framework_ids").toString())
                .contains(marathonFramework);

        assertThat(get("/master/roles", MARATHON).path("roles")).as("view_roles is admin's").isEmpty();
        assertThat(get("/master/roles", ADMIN).path("roles").toString()).contains("\"*\"");
    }

    @Test
    void v1CallsAndTheEventStreamFilterAlike() throws Exception {
        assertThat(call("GET_TASKS", MARATHON).path("get_tasks").path("tasks")).hasSize(1);
        assertThat(call("GET_TASKS", CHRONOS).path("get_tasks").path("tasks")).isEmpty();
        assertThat(call("GET_TASKS", DNS).path("get_tasks").path("tasks")).hasSize(1);

        List<String> chronosSees = new ArrayList<>();
        call("GET_FRAMEWORKS", CHRONOS).path("get_frameworks").path("frameworks")
                .forEach(f -> chronosSees.add(f.path("framework_info").path("id").path("value").asText()));
        assertThat(chronosSees).containsExactly(chronosFramework);

        JsonNode state = call("GET_STATE", MARATHON).path("get_state");
        assertThat(state.path("get_tasks").path("tasks")).hasSize(1);
        assertThat(state.path("get_frameworks").path("frameworks")).hasSize(1);
        assertThat(state.path("get_agents").path("agents")).hasSize(1);
        assertThat(call("GET_ROLES", MARATHON).path("get_roles").path("roles")).isEmpty();
        assertThat(call("GET_ROLES", ADMIN).path("get_roles").path("roles")).isNotEmpty();

        HttpResponse<InputStream> stream = send("POST", master, "/api/v1", "{\"type\":\"SUBSCRIBE\"}", CHRONOS);
        try (InputStream in = stream.body()) {
            JsonNode subscribed = Json.parse(record(in)).path("subscribed").path("get_state");
            assertThat(subscribed.path("get_tasks").path("tasks")).isEmpty();
            assertThat(subscribed.path("get_frameworks").path("frameworks")).hasSize(1);
        }
    }

    @Test
    void theAgentShowsAndOpensSandboxesByItsOwnAcls() throws Exception {
        String agent = "127.0.0.2:" + cluster.agents.get(0).port();
        String directory = null;
        for (JsonNode f : get(agent, "/state", ADMIN).path("frameworks")) {
            if (f.path("id").asText().equals(marathonFramework)) {
                directory = f.path("executors").get(0).path("directory").asText();
            }
        }
        assertThat(directory).isNotNull();
        String read = "/files/read?offset=0&path=" + URLEncoder.encode(directory + "/stdout", StandardCharsets.UTF_8);
        assertThat(status(agent, read, MARATHON)).isEqualTo(200);
        assertThat(status(agent, read, ADMIN)).isEqualTo(200);
        assertThat(status(agent, read, CHRONOS)).as("access_sandboxes of another user").isEqualTo(403);
        assertThat(status(agent, read, DNS)).as("dns has no access_sandboxes").isEqualTo(403);
        String readFile = "{\"type\":\"READ_FILE\",\"read_file\":{\"path\":\"" + directory + "/stdout\",\"offset\":0}}";
        assertThat(send("POST", agent, "/api/v1", readFile, CHRONOS).statusCode()).isEqualTo(403);
        assertThat(send("POST", agent, "/api/v1", readFile, MARATHON).statusCode()).isEqualTo(200);
        String throughMaster = "/agent/" + cluster.agents.get(0).agentId().orElseThrow() + read;
        assertThat(status(master, throughMaster, CHRONOS)).as("the master reads for chronos").isEqualTo(403);
        assertThat(status(master, throughMaster, MARATHON)).isEqualTo(200);

        assertThat(get(agent, "/state", CHRONOS).path("frameworks")).isEmpty();
        JsonNode asMarathon = get(agent, "/state", MARATHON);
        assertThat(frameworkIds(asMarathon.path("frameworks"), "id")).containsExactly(marathonFramework);
        assertThat(asMarathon.path("frameworks").get(0).path("executors")).hasSize(1);
        assertThat(asMarathon.has("flags")).isFalse();
        assertThat(status(agent, "/flags", MARATHON)).isEqualTo(403);
        assertThat(status(agent, "/flags", ADMIN)).isEqualTo(200);

        assertThat(call(agent, "GET_TASKS", MARATHON).path("get_tasks").path("launched_tasks")).hasSize(1);
        assertThat(call(agent, "GET_TASKS", CHRONOS).path("get_tasks").path("launched_tasks")).isEmpty();
        assertThat(call(agent, "GET_CONTAINERS", MARATHON).path("get_containers").path("containers"))
                .as("view_containers is admin's").isEmpty();
        assertThat(call(agent, "GET_CONTAINERS", ADMIN).path("get_containers").path("containers")).hasSize(1);
    }

    private int status(String endpoint, String path, Credential credential) throws Exception {
        HttpResponse<InputStream> r = send("GET", endpoint, path, null, credential);
        r.body().close();
        return r.statusCode();
    }

    private JsonNode call(String type, Credential credential) throws Exception {
        return call(master, type, credential);
    }

    private JsonNode call(String endpoint, String type, Credential credential) throws Exception {
        HttpResponse<InputStream> r = send("POST", endpoint, "/api/v1", "{\"type\":\"" + type + "\"}", credential);
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).as(type).isEqualTo(200);
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private JsonNode get(String path, Credential credential) throws Exception {
        return get(master, path, credential);
    }

    private JsonNode get(String endpoint, String path, Credential credential) throws Exception {
        HttpResponse<InputStream> r = send("GET", endpoint, path, null, credential);
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<String> frameworkIds(JsonNode frameworks, String field) {
        List<String> ids = new ArrayList<>();
        frameworks.forEach(f -> ids.add(f.path(field).asText()));
        return ids;
    }

    private static long runningTasks(JsonNode state) {
        long n = 0;
        for (JsonNode f : state.path("frameworks")) {
            for (JsonNode t : f.path("tasks")) {
                n += t.path("state").asText().equals("TASK_RUNNING") ? 1 : 0;
            }
        }
        return n;
    }

    /** One RecordIO record of an event stream. */
    private static String record(InputStream in) throws Exception {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
            length.append((char) c);
        }
        return new String(in.readNBytes(Integer.parseInt(length.toString().trim())), StandardCharsets.UTF_8);
    }

    private HttpResponse<InputStream> send(String method, String endpoint, String path, String body,
                                           Credential credential) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + endpoint + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", credential.basicAuthorization())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
