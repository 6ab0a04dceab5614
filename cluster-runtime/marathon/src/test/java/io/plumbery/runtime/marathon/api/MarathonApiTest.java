package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.SchedulerConfig;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API on a real Jetty on loopback, over a scheduler that holds no app and talks to no master. */
class MarathonApiTest {
    private final TestLeadership leadership = new TestLeadership();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private MarathonScheduler scheduler;
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        http = new HttpServer("marathon-test", "127.0.0.1", 0, new MarathonApi(leadership));
        http.start();
        scheduler = new MarathonScheduler(SchedulerConfig.defaults("127.0.0.1:1", "127.0.0.1", "http://127.0.0.1"),
                MarathonStore.inMemory(), new EventBus());
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.close();
        http.close();
    }

    @Test
    void theLeaderAnswersEachFamilyFromItsResource() throws Exception {
        leadership.lead(scheduler, "127.0.0.1:" + http.port());
        assertThat(call("GET", "/v2/apps")).isEqualTo("200 {\"apps\":[]}");
        assertThat(call("GET", "/v2/tasks")).isEqualTo("200 {\"tasks\":[]}");
        assertThat(call("GET", "/v2/deployments")).isEqualTo("200 []");
        assertThat(call("GET", "/v2/queue")).isEqualTo("200 {\"queue\":[]}");
        assertThat(call("GET", "/v2/groups")).startsWith("200 {\"id\":\"/\",\"apps\":[],\"groups\":[]");
        assertThat(call("GET", "/v2/info")).contains("\"name\":\"marathon\"", "\"version\":\"1.11.0\"");
        assertThat(call("GET", "/metrics")).contains("\"marathon.apps.active.gauge\":{\"value\":0}");
        assertThat(call("GET", "/v2/leader")).isEqualTo("200 {\"leader\":\"127.0.0.1:" + http.port() + "\"}");
        assertThat(call("GET", "/v2/apps/prod/web")).isEqualTo("404 {\"message\":\"App '/prod/web' does not exist\"}");
        assertThat(call("DELETE", "/v2/queue/prod/web/delay"))
                .isEqualTo("404 {\"message\":\"App '/prod/web' does not exist\"}");
        assertThat(call("GET", "/v2/apps/web/tasks")).isEqualTo("404 {\"message\":\"App '/web' does not exist\"}");
    }

    @Test
    void unknownPathsAre404AndMethodsAPathDoesNotServe405WhereMarathonSaysSo() throws Exception {
        leadership.lead(scheduler, "127.0.0.1:" + http.port());
        assertThat(call("GET", "/v2/nowhere")).isEqualTo("404 {\"message\":\"Not Found: /v2/nowhere\"}");
        assertThat(call("POST", "/v2/tasks")).isEqualTo("404 {\"message\":\"Not Found: /v2/tasks\"}");
        assertThat(call("GET", "/v2/apps/web/restart"))
                .isEqualTo("404 {\"message\":\"Not Found: /v2/apps/web/restart\"}");
        assertThat(call("DELETE", "/v2/apps")).isEqualTo("405 {\"message\":\"Method not allowed\"}");
        assertThat(call("POST", "/v2/apps/web")).isEqualTo("405 {\"message\":\"Method not allowed\"}");
        assertThat(call("PATCH", "/v2/groups/prod")).isEqualTo("405 {\"message\":\"Method not allowed\"}");
    }

    @Test
    void withoutALeaderOnlyPingAndTheLeaderQuestionAreAnswered() throws Exception {
        assertThat(call("GET", "/ping")).isEqualTo("200 pong");
        assertThat(call("GET", "/v2/leader")).isEqualTo("404 {\"message\":\"There is no leader\"}");
        assertThat(call("GET", "/v2/apps")).isEqualTo("503 {\"message\":\"Could not determine the current leader\"}");
        assertThat(call("GET", "/v2/nowhere"))
                .isEqualTo("503 {\"message\":\"Could not determine the current leader\"}");
    }

    @Test
    void abdicatingAnswersFirstThenStepsDown() throws Exception {
        leadership.lead(scheduler, "127.0.0.1:" + http.port());
        assertThat(call("DELETE", "/v2/leader")).isEqualTo("200 {\"message\":\"Leadership abdicated\"}");
        // the answer goes out before the instance steps down, as Marathon does: wait for it, bounded
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !leadership.isLeader());
    }

    @Test
    void invalidBodiesGetMarathonsAnswer() throws Exception {
        leadership.lead(scheduler, "127.0.0.1:" + http.port());
        HttpResponse<String> r = send("PUT", "/v2/apps", "{\"id\":\"/web\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(MarathonJson.MAPPER.readTree(r.body()).path("message").asText())
                .isEqualTo("Invalid JSON: expected a list of apps");
    }

    private String call(String method, String path) throws Exception {
        HttpResponse<String> r = send(method, path, null);
        return r.statusCode() + " " + r.body();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
