package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paths and bodies at the edges of Marathon's protocol, answered as Marathon answers them. */
class ProtocolEdgesTest {
    private static final String APP = "{\"id\":\"/group/app\",\"cmd\":\"sleep 60\",\"cpus\":0.1,\"mem\":16,"
            + "\"instances\":0}";
    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void percentEncodedIdsAndTrailingSlashesNameTheSameApp() throws Exception {
        assertThat(api.call("POST", "/v2/apps", APP)).startsWith("201 ");
        for (String path : new String[] {"/v2/apps/group/app", "/v2/apps/%2Fgroup%2Fapp", "/v2/apps/group%2Fapp",
                "/v2/apps/group%2fapp", "/v2/apps/group/app/", "/v2/apps//group/app", "/v2/apps/%2Fgroup/app/"}) {
            assertThat(api.call("GET", path)).as(path).startsWith("200 {\"app\":{\"id\":\"/group/app\"");
        }
        assertThat(api.call("GET", "/v2/apps/%2Fgroup%2Fapp/tasks")).isEqualTo("200 {\"tasks\":[]}");
        assertThat(api.call("GET", "/v2/apps/group/app/tasks/")).isEqualTo("200 {\"tasks\":[]}");
        assertThat(api.call("GET", "/v2/apps/")).startsWith("200 {\"apps\":[{\"id\":\"/group/app\"");
        assertThat(api.call("GET", "/v2/groups/group/")).startsWith("200 {\"id\":\"/group\"");
        assertThat(api.call("GET", "/v2/groups/%2Fgroup")).startsWith("200 {\"id\":\"/group\"");
        assertThat(api.call("DELETE", "/v2/apps/%2Fgroup%2Fapp")).startsWith("200 ");
    }

    @Test
    void malformedBodiesAre400WithMarathonsMessage() throws Exception {
        String[][] requests = {{"POST", "/v2/apps"}, {"PUT", "/v2/apps/web"}, {"PATCH", "/v2/apps/web"},
            {"PUT", "/v2/apps"}, {"POST", "/v2/groups"}, {"PUT", "/v2/groups/prod"}, {"PATCH", "/v2/apps"},
            {"POST", "/v2/tasks/delete"}, {"POST", "/v2/groups/prod"}};
        for (String[] r : requests) {
            for (String body : new String[] {"{", "", "[1,", "{\"id\": }", "nul", "\"text\"", "42"}) {
                String answer = api.call(r[0], r[1], body);
                assertThat(answer).as(r[0] + " " + r[1] + " " + body).matches("(400|422) \\{\"message\":.*");
            }
        }
    }

    @Test
    void wronglyTypedFieldsAreAnsweredNeverA500() throws Exception {
        String[][] requests = {
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"instances\":\"many\"}"},
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"cpus\":{}}"},
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"env\":[1]}"},
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"constraints\":\"x\"}"},
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"healthChecks\":[{\"protocol\":7}]}"},
            {"POST", "/v2/apps", "{\"id\":42,\"cmd\":\"x\"}"},
            {"POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"x\",\"dependencies\":[{}]}"},
            {"PUT", "/v2/apps", "[1]"},
            {"PUT", "/v2/apps", "[{\"instances\":2}]"},
            {"POST", "/v2/groups", "{\"id\":\"/prod\",\"apps\":{}}"},
            {"POST", "/v2/groups", "{\"id\":\"/prod\",\"apps\":[1]}"},
            {"POST", "/v2/groups", "{\"id\":\"/prod\",\"groups\":\"x\"}"},
            {"POST", "/v2/groups", "{\"id\":[],\"apps\":[]}"},
            {"PUT", "/v2/groups/prod", "{\"scaleBy\":\"x\"}"},
            {"POST", "/v2/tasks/delete", "{\"ids\":\"x\"}"},
            {"POST", "/v2/tasks/delete", "{\"ids\":[{}]}"},
            {"POST", "/v2/tasks/delete", "[]"}};
        for (String[] r : requests) {
            assertThat(api.call(r[0], r[1], r[2])).as(r[0] + " " + r[1] + " " + r[2])
                    .matches("(400|404|422) \\{\"message\":.*");
        }
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String padded = "{\"id\":\"/web\",\"cmd\":\"" + "x".repeat(HttpCall.MAX_BODY) + "\"}";
        assertThat(api.call("POST", "/v2/apps", padded))
                .isEqualTo("413 {\"message\":\"Request body too large: more than 1048576 bytes\"}");
        assertThat(api.call("PUT", "/v2/groups/prod", padded)).startsWith("413 ");
        assertThat(api.call("GET", "/v2/apps")).isEqualTo("200 {\"apps\":[]}");
    }

    @Test
    void eventStreamsAreCappedAndTheCapIsAnswered() throws Exception {
        List<Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < EventsResource.MAX_STREAMS; i++) {
                streams.add(api.openStream("/v2/events"));
            }
            assertThat(api.call("GET", "/v2/events"))
                    .isEqualTo("503 {\"message\":\"Too many open event streams: at most 64\"}");
            streams.remove(0).close();
            // a stream's end is noticed at its next write, the heartbeat at the latest
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> streams.add(api.openStream("/v2/events")));
        } finally {
            for (Socket s : streams) {
                s.close();
            }
        }
    }
}
