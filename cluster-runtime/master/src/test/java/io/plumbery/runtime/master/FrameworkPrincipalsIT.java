package io.plumbery.runtime.master;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.protocol.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mesos's rules between the authenticated principal and FrameworkInfo's principal, against a real master (alone,
 * without ZooKeeper): a FrameworkInfo without a principal subscribes and takes the authenticated one; one naming
 * another is 400; a framework id keeps its principal (a SUBSCRIBE by another is refused on its stream, any other call
 * by another is 400, UPDATE_FRAMEWORK may not drop it); authorization's subject is FrameworkInfo's principal, and a
 * framework without one is matched by ANY entries alone.
 */
class FrameworkPrincipalsIT {
    private static final Credential ADMIN = new Credential("admin", "admin-secret");
    private static final Credential OTHER = new Credential("other", "other-secret");
    private static final String REGISTER_ADMIN_AND_OTHER = """
            {"permissive": false,
             "register_frameworks": [{"principals": {"values": ["admin", "other"]}, "roles": {"type": "ANY"}}],
             "view_frameworks": [{"principals": {"values": ["admin"]}, "users": {"type": "ANY"}}]}""";
    /** Named principals any role; a framework without a principal only role "public"; admin views every framework. */
    private static final String REGISTER_ANONYMOUS_PUBLIC = """
            {"permissive": false,
             "register_frameworks": [{"principals": {"values": ["admin"]}, "roles": {"type": "ANY"}},
                                     {"principals": {"type": "ANY"}, "roles": {"values": ["public"]}}],
             "view_frameworks": [{"principals": {"values": ["admin"]}, "users": {"type": "ANY"}}]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private MasterServer master;

    @AfterEach
    void stop() throws Exception {
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aFrameworkInfoWithoutPrincipalTakesTheAuthenticatedOne() throws Exception {
        start(MasterAuth.all(Credentials.of(ADMIN, OTHER)), REGISTER_ADMIN_AND_OTHER);
        try (Subscription s = subscribe(ADMIN, info(null, null, null))) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.event().path("type").asText()).isEqualTo("SUBSCRIBED");
            assertThat(principalOf(s.frameworkId())).isEqualTo("admin");
        }
    }

    @Test
    void aFrameworkInfoNamingAnotherPrincipalIsRefused() throws Exception {
        start(MasterAuth.all(Credentials.of(ADMIN, OTHER)), REGISTER_ADMIN_AND_OTHER);
        try (Subscription s = subscribe(ADMIN, info("other", null, null))) {
            assertThat(s.status()).isEqualTo(400);
            assertThat(s.text()).isEqualTo("Failed to validate scheduler::Call: Authenticated principal 'admin' does"
                    + " not match principal 'other' set in `FrameworkInfo`");
        }
    }

    @Test
    void aFrameworkIdKeepsItsPrincipal() throws Exception {
        start(MasterAuth.all(Credentials.of(ADMIN, OTHER)), REGISTER_ADMIN_AND_OTHER);
        try (Subscription owned = subscribe(ADMIN, info(null, null, null))) {
            String id = owned.frameworkId();

            try (Subscription taken = subscribe(OTHER, info(null, id, null))) {
                assertThat(taken.status()).isEqualTo(200);
                JsonNode refused = taken.event();
                assertThat(refused.path("type").asText()).isEqualTo("ERROR");
                assertThat(refused.path("error").path("message").asText())
                        .isEqualTo("Changing framework's principal is not allowed.");
            }
            assertThat(principalOf(id)).isEqualTo("admin");

            HttpResponse<String> teardown = call(OTHER, owned.streamId(),
                    "{\"type\":\"TEARDOWN\",\"framework_id\":{\"value\":\"" + id + "\"}}");
            assertThat(teardown.statusCode()).isEqualTo(400);
            assertThat(teardown.body()).isEqualTo("Authenticated principal 'other' does not match principal 'admin'"
                    + " set in `FrameworkInfo`");

            var update = Json.object().put("type", "UPDATE_FRAMEWORK");
            update.putObject("framework_id").put("value", id);
            update.putObject("update_framework").set("framework_info", info(null, id, null));
            HttpResponse<String> dropped = call(ADMIN, owned.streamId(), update.toString());
            assertThat(dropped.statusCode()).isEqualTo(400);
            assertThat(dropped.body())
                    .isEqualTo("FrameworkInfo update is not valid: Changing framework's principal is not allowed.");
            assertThat(principalOf(id)).isEqualTo("admin");
        }
    }

    @Test
    void withoutPrincipalOnlyAnyEntriesAuthorize() throws Exception {
        // the scheduler API open (the rest authenticated): a framework need not authenticate
        start(new MasterAuth(Credentials.of(ADMIN), true, true, false, false), REGISTER_ANONYMOUS_PUBLIC);
        try (Subscription anonymous = subscribe(null, info(null, null, null))) {
            JsonNode refused = anonymous.event();
            assertThat(refused.path("type").asText()).isEqualTo("ERROR");
            assertThat(refused.path("error").path("message").asText()).startsWith("Not authorized to register framework");
        }
        try (Subscription anonymousPublic = subscribe(null, info(null, null, "public"))) {
            assertThat(anonymousPublic.event().path("type").asText()).isEqualTo("SUBSCRIBED");
        }
        // FrameworkInfo's principal is the subject, authenticated or not
        try (Subscription named = subscribe(null, info("admin", null, null))) {
            assertThat(named.event().path("type").asText()).isEqualTo("SUBSCRIBED");
        }
    }

    private void start(MasterAuth auth, String acls) throws Exception {
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir), Set.of(),
                auth.withAcls(Authorizer.parse(acls)));
        master.start();
    }

    private static ObjectNode info(String principal, String id, String role) {
        var info = Json.object().put("user", "nobody").put("name", "principals");
        if (principal != null) {
            info.put("principal", principal);
        }
        if (id != null) {
            info.putObject("id").put("value", id);
        }
        if (role != null) {
            info.putArray("roles").add(role);
            info.putArray("capabilities").addObject().put("type", "MULTI_ROLE");
        }
        return info;
    }

    private Subscription subscribe(Credential credential, ObjectNode info)
            throws Exception {
        var call = Json.object().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", info);
        HttpResponse<InputStream> r = http.send(request(credential, null, call.toString()),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Subscription(r);
    }

    private HttpResponse<String> call(Credential credential, String streamId, String body) throws Exception {
        return http.send(request(credential, streamId, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(Credential credential, String streamId, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/scheduler")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", credential.basicAuthorization());
        }
        if (streamId != null) {
            b.header("Mesos-Stream-Id", streamId);
        }
        return b.build();
    }

    private String principalOf(String frameworkId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/master/frameworks")))
                .header("Authorization", ADMIN.basicAuthorization()).build();
        for (var fw : Json.parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("frameworks")) {
            if (fw.path("id").asText().equals(frameworkId)) {
                return fw.path("principal").asText(null);
            }
        }
        return null;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + master.port() + path;
    }

    /** A SUBSCRIBE's answer: its status, and its RecordIO events ("LENGTH\n" then the JSON record) as they come. */
    private static final class Subscription implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private String frameworkId;

        Subscription(HttpResponse<InputStream> response) {
            this.response = response;
        }

        int status() {
            return response.statusCode();
        }

        String streamId() {
            return response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        }

        String text() throws Exception {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }

        JsonNode event() throws Exception {
            InputStream in = response.body();
            StringBuilder length = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                length.append((char) c);
            }
            var event = Json.parse(new String(in.readNBytes(Integer.parseInt(length.toString().trim())),
                    StandardCharsets.UTF_8));
            if (event.has("subscribed")) {
                frameworkId = event.path("subscribed").path("framework_id").path("value").asText();
            }
            return event;
        }

        String frameworkId() throws Exception {
            if (frameworkId == null) {
                event();
            }
            return frameworkId;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }
}
