package io.plumbery.runtime.chronos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.chronos.ChronosConfig;
import io.plumbery.runtime.chronos.ChronosServer;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API of a lone Chronos (jobs in memory, no master reachable): routes, status codes and bodies. */
class ChronosApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String JOB = "{\"name\":\"%s\",\"command\":\"%s\",\"schedule\":\"R/2030-01-01T00:00:00Z/P1D\"}";
    ChronosServer chronos;

    @BeforeEach
    void start() throws Exception {
        chronos = new ChronosServer(ChronosConfig.of("127.0.0.1", 0, "127.0.0.1:1", null));
        chronos.start();
        await().atMost(Duration.ofSeconds(10)).until(chronos::isLeader);
    }

    @AfterEach
    void stop() throws Exception {
        chronos.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + chronos.endpoint() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        return Json.parse(send("GET", path, null).body());
    }

    @Test
    void jobsAreAddedListedAndSearchedAsChronosDoes() throws Exception {
        assertThat(send("POST", "/v1/scheduler/iso8601", JOB.formatted("report-daily", "make report")).statusCode())
                .isEqualTo(204);
        assertThat(send("POST", "/v1/scheduler/iso8601", JOB.formatted("backup", "tar c /srv")).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/v1/scheduler/dependency",
                "{\"name\":\"mail-report\",\"command\":\"mail\",\"parents\":[\"report-daily\"]}").statusCode()).isEqualTo(204);

        assertThat(json("/v1/scheduler/jobs").findValuesAsText("name"))
                .containsExactly("backup", "mail-report", "report-daily");
        assertThat(json("/v1/scheduler/jobs/search?name=REPORT").findValuesAsText("name"))
                .containsExactly("mail-report", "report-daily");
        assertThat(json("/v1/scheduler/jobs/search?command=tar").findValuesAsText("name")).containsExactly("backup");
        assertThat(json("/v1/scheduler/jobs/search?name=nothing&any=mail").findValuesAsText("name"))
                .containsExactly("mail-report");
        assertThat(json("/v1/scheduler/jobs/search?limit=1&offset=1").findValuesAsText("name"))
                .containsExactly("mail-report");
        assertThat(send("GET", "/v1/scheduler/graph/dot", null).body()).contains("label=\"report-daily\"", "3 -> 2;");

        JsonNode stats = json("/v1/scheduler/job/stat/backup");
        assertThat(stats.path("histogram").path("count").asInt()).isZero();
        assertThat(stats.path("taskStatHistory").isArray()).isTrue();

        HttpResponse<String> marked = send("PUT", "/v1/scheduler/job/success/report-daily", null);
        assertThat(marked.body()).isEqualTo("marked job report-daily as successful: true");
        assertThat(json("/v1/scheduler/jobs/search?name=report-daily").get(0).path("successCount").asLong()).isEqualTo(1);
    }

    @Test
    void unknownJobsAndPathsAreAnsweredAsChronosAnswersThem() throws Exception {
        HttpResponse<String> stat = send("GET", "/v1/scheduler/job/stat/nobody", null);
        assertThat(stat.statusCode()).isEqualTo(400);
        assertThat(stat.body()).isEqualTo("Job 'nobody' not found");
        assertThat(send("DELETE", "/v1/scheduler/job/nobody", null).statusCode()).isEqualTo(400);
        HttpResponse<String> kill = send("DELETE", "/v1/scheduler/task/kill/nobody", null);
        assertThat(kill.statusCode()).isEqualTo(400);
        assertThat(Json.parse(kill.body()).path("message").asText())
                .isEqualTo("requirement failed: JobSchedule 'nobody' not found");
        assertThat(send("POST", "/v1/scheduler/dependency", "{\"name\":\"x\",\"command\":\"y\",\"parents\":[]}")
                .statusCode()).isEqualTo(500);
        assertThat(send("GET", "/v1/scheduler/nothing", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/elsewhere", null).statusCode()).isEqualTo(404);
        HttpResponse<String> elsewhere = send("GET", "/else%20where", null);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).isEqualTo("Not found: /else where");
        assertThat(send("DELETE", "/leader", null).body()).isEqualTo("Not found: /leader");
        assertThat(json("/leader").path("leader").asText()).isEqualTo(chronos.endpoint());
    }

    @Test
    void servesItsPageAtTheRootInFrontOfTheApi() throws Exception {
        HttpResponse<String> page = send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Chronos</title>", "/ui/chronos/main.js");
        assertThat(send("GET", "/ui/chronos/jobs.js", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/index.html", null).body()).isEqualTo("Not found: /index.html");
    }
}
