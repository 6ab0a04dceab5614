package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /v2/apps/{id}} with {@code {"version": V}}: the app goes back to its version V, as in Marathon. */
class AppRollbackTest {
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
    void aVersionAloneRollsTheAppBack() throws Exception {
        assertThat(api.call("POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 1\",\"instances\":0,\"mem\":16}"))
                .startsWith("201 ");
        String first = app().path("version").asText();
        awaitNoDeployment();
        assertThat(api.call("PUT", "/v2/apps/web", "{\"cmd\":\"sleep 2\",\"mem\":32}")).startsWith("200 ");
        awaitNoDeployment();
        assertThat(app().path("cmd").asText()).isEqualTo("sleep 2");

        String answer = api.call("PUT", "/v2/apps/web", "{\"id\":\"/web\",\"version\":\"" + first + "\"}");
        assertThat(answer).startsWith("200 ").contains("\"deploymentId\"");
        awaitNoDeployment();
        JsonNode app = app();
        assertThat(app.path("cmd").asText()).isEqualTo("sleep 1");
        assertThat(app.path("mem").asDouble()).isEqualTo(16.0);
        assertThat(app.path("version").asText()).isNotEqualTo(first);
        assertThat(versions()).hasSize(3);
    }

    @Test
    void aVersionWithOtherFieldsOrUnknownIsRefused() throws Exception {
        assertThat(api.call("POST", "/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 1\",\"instances\":0}"))
                .startsWith("201 ");
        String version = app().path("version").asText();
        assertThat(api.call("PUT", "/v2/apps/web", "{\"version\":\"" + version + "\",\"cmd\":\"x\"}"))
                .isEqualTo("422 {\"message\":\"Object is not valid\",\"details\":[{\"path\":\"/\",\"errors\":"
                        + "[\"The 'version' field may only be combined with the 'id' field.\"]}]}");
        assertThat(api.call("PUT", "/v2/apps/web", "{\"version\":\"2001-01-01T00:00:00.000Z\"}"))
                .isEqualTo("404 {\"message\":\"App '/web' does not exist in version 2001-01-01T00:00:00.000Z\"}");
        assertThat(api.call("PUT", "/v2/apps/nothing", "{\"version\":\"" + version + "\"}"))
                .isEqualTo("404 {\"message\":\"App '/nothing' does not exist\"}");
    }

    private JsonNode app() throws Exception {
        return body(api.call("GET", "/v2/apps/web")).path("app");
    }

    private JsonNode versions() throws Exception {
        return body(api.call("GET", "/v2/apps/web/versions")).path("versions");
    }

    private void awaitNoDeployment() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.call("GET", "/v2/deployments")
                .equals("200 []"));
    }

    private static JsonNode body(String answer) throws Exception {
        return MarathonJson.MAPPER.readTree(answer.substring(4));
    }
}
