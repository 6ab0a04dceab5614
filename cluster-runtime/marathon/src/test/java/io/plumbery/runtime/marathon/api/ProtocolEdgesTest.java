package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

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
}
