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
        // declared too large: answered at once, unread; sent without a length: read up to the limit, no further
        assertThat(api.callDeclaring("POST", "/v2/apps", HttpCall.MAX_BODY + 1))
                .isEqualTo("413 {\"message\":\"Request body too large: more than 1048576 bytes\"}");
        String padded = "{\"id\":\"/web\",\"cmd\":\"" + "x".repeat(HttpCall.MAX_BODY) + "\"}";
        assertThat(api.callChunked("PUT", "/v2/groups/prod", padded)).startsWith("413 ");
        assertThat(api.callChunked("POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 1\",\"instances\":0}"))
                .startsWith("201 ");
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

    @Test
    void fieldsThisMarathonDoesNotActOnAre422NamingThem() throws Exception {
        String web = "{\"id\":\"/web\",\"cmd\":\"sleep 60\",\"instances\":0";
        assertThat(api.call("POST", "/v2/apps", web + ",\"residency\":{\"taskLostBehavior\":\"WAIT_FOREVER\"},"
                + "\"secrets\":{\"s\":{\"source\":\"db\"}}}")).isEqualTo("422 {\"message\":\"Object is not valid\","
                + "\"details\":[{\"path\":\"/residency\",\"errors\":[\"error.unsupported: persistent volumes and "
                + "resident tasks are not supported\"]},{\"path\":\"/secrets\",\"errors\":[\"error.unsupported: "
                + "secrets are not supported\"]}]}");
        for (String field : new String[] {"\"readinessChecks\":[{\"name\":\"ready\"}]",
            "\"unreachableStrategy\":{\"inactiveAfterSeconds\":0}", "\"ipAddress\":{\"networkName\":\"dcos\"}",
            "\"executor\":\"/opt/executor\"", "\"tty\":true"}) {
            String name = field.substring(1, field.indexOf('"', 1));
            assertThat(api.call("POST", "/v2/apps", web + "," + field + "}")).as(field)
                    .startsWith("422 ").contains("\"path\":\"/" + name + "\"", "error.unsupported");
        }
        // empty values, as a GET of a real Marathon's app echoes them, ask for nothing
        assertThat(api.call("POST", "/v2/apps", web + ",\"readinessChecks\":[],\"secrets\":{},\"residency\":null,"
                + "\"tty\":false,\"executor\":\"\"}")).startsWith("201 ");
        assertThat(api.call("PUT", "/v2/apps/web", "{\"unreachableStrategy\":{\"expungeAfterSeconds\":60}}"))
                .startsWith("422 ").contains("\"path\":\"/unreachableStrategy\"");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/prod\",\"apps\":[{\"id\":\"db\",\"cmd\":\"x\","
                + "\"secrets\":{\"s\":{}}}]}")).startsWith("422 ").contains("\"path\":\"/apps(0)/secrets\"");
    }

    @Test
    void groupFieldsThisMarathonDoesNotActOnAre422NamingThemAndVersionOrScaleByComeAlone() throws Exception {
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/prod\",\"enforceRole\":true}")).startsWith("422 ")
                .contains("\"path\":\"/enforceRole\"", "error.unsupported");
        assertThat(api.call("PUT", "/v2/groups/prod", "{\"scaleBy\":2,\"apps\":[]}")).isEqualTo("422 {\"message\":"
                + "\"Object is not valid\",\"details\":[{\"path\":\"/scaleBy\",\"errors\":[\"not allowed in conjunction "
                + "with other properties.\"]}]}");
        assertThat(api.call("PUT", "/v2/groups/prod", "{\"id\":\"/prod\",\"version\":\"2001-01-01T00:00:00.000Z\"}"))
                .isEqualTo("422 {\"message\":\"Group /prod not available in version 2001-01-01T00:00:00.000Z\"}");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/prod\",\"dependencies\":[\"/db\"],\"apps\":[{\"id\":\"a\","
                + "\"cmd\":\"sleep 1\",\"instances\":0}]}")).startsWith("201 ");
    }

    @Test
    void podsAreAnsweredAsByAMarathonWithoutPods() throws Exception {
        assertThat(api.call("HEAD", "/v2/pods")).startsWith("404 ");
        assertThat(api.call("GET", "/v2/pods")).isEqualTo("404 {\"message\":\"Not Found: /v2/pods\"}");
        assertThat(api.call("POST", "/v2/pods", "{\"id\":\"/pod\",\"containers\":[]}")).startsWith("404 ");
        assertThat(api.call("GET", "/v2/pods/::status")).startsWith("404 ");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/prod\",\"pods\":[{\"id\":\"p\"}]}"))
                .startsWith("422 ").contains("\"path\":\"/pods\"", "pods are not supported");
    }

    @Test
    void eventSubscriptionsAreAnsweredAsWithoutTheHttpCallbackSubscriber() throws Exception {
        String notRunning = "400 {\"message\":\"http event callback system is not running on this Marathon instance. "
                + "Please re-start this instance with \\\"--event_subscriber http_callback\\\".\"}";
        assertThat(api.call("GET", "/v2/eventSubscriptions")).isEqualTo(notRunning);
        assertThat(api.call("POST", "/v2/eventSubscriptions?callbackUrl=http://127.0.0.1:1/cb")).isEqualTo(notRunning);
        assertThat(api.call("DELETE", "/v2/eventSubscriptions?callbackUrl=http://127.0.0.1:1/cb"))
                .isEqualTo(notRunning);
        assertThat(api.call("GET", "/v2/info")).contains("\"event_subscriber\":null");
    }
}
