package io.plumbery.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ResourceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbose logging level of a real master and agent (one process, so one level, as in Mesos), through the jar's
 * slf4j binding: GET/SET_LOGGING_LEVEL in v1, {@code /logging/toggle}, the revert after the duration, and who may
 * change it under the deploy's kind of ACLs (admin alone: {@code set_log_level}, {@code get_endpoints}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoggingLevelTest {
    private static final Credential ADMIN = new Credential("admin", "admin-secret");
    private static final Credential VIEWER = new Credential("viewer", "viewer-secret");
    private static final Credential AGENT = new Credential("agent", "agent-secret");
    private static final String ACLS = """
            {"permissive": false,
             "register_agents": [{"principals": {"values": ["agent"]}, "agents": {"type": "ANY"}}],
             "set_log_level": [{"principals": {"values": ["admin"]}, "level": {"type": "ANY"}}],
             "get_endpoints": [{"principals": {"values": ["admin"]}, "paths": {"type": "ANY"}}]}""";
    private static final String GET = "{\"type\":\"GET_LOGGING_LEVEL\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<LogRecord> debug = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.INFO.intValue()) {
                debug.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger runtime = Logger.getLogger("io.plumbery");

    @TempDir
    static Path dir;
    MasterServer master;
    AgentServer agent;

    @BeforeAll
    void start() throws Exception {
        ConsoleLog.install();
        runtime.addHandler(capture);
        Authorizer acls = Authorizer.parse(ACLS);
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir.resolve("master")), Set.of(),
                MasterAuth.all(Credentials.of(ADMIN, VIEWER, AGENT)).withAcls(acls));
        master.start();
        AgentConfig config = AgentConfig.of("127.0.0.1", 0, "127.0.0.1:" + master.port(),
                        ResourceSpec.parseResources("cpus:1;mem:256;disk:100"), dir.resolve("agent"))
                .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2));
        agent = new AgentServer(config, Set.of(), new AgentAuth(AGENT, Credentials.of(ADMIN, VIEWER), true, true)
                .withAcls(acls));
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
    }

    @AfterAll
    void stop() throws Exception {
        runtime.removeHandler(capture);
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void raisedForItsDurationThenBackToTheOriginal() throws Exception {
        assertThat(level(master.port(), ADMIN)).isZero();
        assertThat(level(agent.port(), VIEWER)).isZero();
        debug.clear();
        level(master.port(), ADMIN);
        assertThat(debug).isEmpty();

        // 5 s: long enough for the checks below on a loaded machine
        String set = "{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":{\"level\":1,"
                + "\"duration\":{\"nanoseconds\":5000000000}}}";
        HttpResponse<String> answer = post(master.port(), set, ADMIN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(level(master.port(), ADMIN)).isEqualTo(1);
        assertThat(level(agent.port(), ADMIN)).isEqualTo(1);
        assertThat(debug).extracting(LogRecord::getLoggerName).contains("io.plumbery.runtime.http.Router");
        assertThat(debug).anyMatch(r -> r.getLevel() == Level.FINE
                && r.getMessage().startsWith("HTTP POST for /api/v1 from 127.0.0.1:"));

        await().atMost(Duration.ofSeconds(20)).until(() -> level(master.port(), ADMIN) == 0);
        debug.clear();
        assertThat(level(agent.port(), ADMIN)).isZero();
        assertThat(debug).isEmpty();
    }

    @Test
    void setOnlyWithSetLogLevel() throws Exception {
        String set = "{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":{\"level\":2,"
                + "\"duration\":{\"nanoseconds\":1000000000}}}";
        assertThat(post(master.port(), set, VIEWER).statusCode()).isEqualTo(403);
        assertThat(post(agent.port(), set, VIEWER).statusCode()).isEqualTo(403);
        assertThat(post(master.port(), GET, null).statusCode()).isEqualTo(401);
        assertThat(level(master.port(), VIEWER)).isZero();
    }

    @Test
    void toggleAsLibprocessAnswersIt() throws Exception {
        assertThat(toggle(master.port(), "?level=1&duration=10secs", VIEWER).statusCode()).isEqualTo(403);
        assertThat(toggle(agent.port(), "?level=1&duration=10secs", VIEWER).statusCode()).isEqualTo(403);
        assertThat(toggle(master.port(), "?level=1&duration=10secs", null).statusCode()).isEqualTo(401);

        assertThat(toggle(master.port(), "", ADMIN).body()).isEqualTo("0\n");
        assertThat(toggle(master.port(), "?level=1", ADMIN)).extracting(HttpResponse::statusCode, HttpResponse::body)
                .containsExactly(400, "Expecting 'duration=value' in query.\n");
        assertThat(toggle(master.port(), "?duration=1secs", ADMIN).body()).isEqualTo("Expecting 'level=value' in query.\n");
        assertThat(toggle(agent.port(), "?level=x&duration=1secs", ADMIN).body())
                .isEqualTo("Failed to convert 'x' to number.\n");
        assertThat(toggle(agent.port(), "?level=-1&duration=1secs", ADMIN).body()).isEqualTo("Invalid level '-1'.\n");
        assertThat(toggle(agent.port(), "?level=1&duration=10", ADMIN).body()).isEqualTo("Invalid duration '10'.\n");
        assertThat(toggle(agent.port(), "?level=1&duration=10years", ADMIN).body())
                .isEqualTo("Unknown duration unit 'years'.\n");

        HttpResponse<String> ok = toggle(agent.port(), "?level=2&duration=500ms", ADMIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();
        assertThat(toggle(master.port(), "", ADMIN).body()).isEqualTo("2\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> toggle(master.port(), "", ADMIN).body().equals("0\n"));
    }

    @Test
    void protobufAsTheOtherCalls() throws Exception {
        byte[] call = Call.newBuilder().setType(Call.Type.GET_LOGGING_LEVEL).build().toByteArray();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri(master.port(), "/api/v1"))
                .header("Content-Type", "application/x-protobuf").header("Accept", "application/x-protobuf")
                .header("Authorization", basic(ADMIN)).POST(HttpRequest.BodyPublishers.ofByteArray(call)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        Response response = Response.parseFrom(answer.body());
        assertThat(response.getType()).isEqualTo(Response.Type.GET_LOGGING_LEVEL);
        assertThat(response.getGetLoggingLevel().getLevel()).isZero();
    }

    private int level(int port, Credential who) throws Exception {
        HttpResponse<String> answer = post(port, GET, who);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.parse(answer.body()).path("type").asText()).isEqualTo("GET_LOGGING_LEVEL");
        return Json.parse(answer.body()).path("get_logging_level").path("level").asInt(-1);
    }

    private HttpResponse<String> post(int port, String json, Credential who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (who != null) {
            request.header("Authorization", basic(who));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> toggle(int port, String query, Credential who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, LoggingToggle.PATH + query)).GET();
        if (who != null) {
            request.header("Authorization", basic(who));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static String basic(Credential who) {
        return "Basic " + Base64.getEncoder().encodeToString((who.principal() + ":" + who.secret())
                .getBytes(StandardCharsets.UTF_8));
    }
}
