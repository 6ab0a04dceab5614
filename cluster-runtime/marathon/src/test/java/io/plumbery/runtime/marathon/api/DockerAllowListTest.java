package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.core.SchedulerConfig;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docker apps that ask the hosts for privileged containers, host paths or unsafe {@code docker run} parameters are
 * 422 in Marathon's shape, naming the field, unless Marathon runs with {@code --docker_unsafe_options}.
 */
class DockerAllowListTest {
    private static final String PRIVILEGED = "{\"privileged\":true}";
    private static final String HOST_VOLUME = "{},\"volumes\":[{\"containerPath\":\"/data\",\"hostPath\":\"/etc\","
            + "\"mode\":\"RW\"}]";
    private static final String PID_HOST = "{\"parameters\":[{\"key\":\"pid\",\"value\":\"host\"}]}";

    /** A Docker app: {@code docker} is extra fields of container.docker, maybe followed by more container fields. */
    static String app(String id, String docker) {
        String fields = docker.startsWith("{}") ? docker.substring(2) : "";
        String dockerExtra = docker.startsWith("{}") ? "" : "," + docker.substring(1, docker.length() - 1);
        return "{\"id\":\"" + id + "\",\"cpus\":0.1,\"mem\":16,\"instances\":0,\"container\":{\"type\":\"DOCKER\","
                + "\"docker\":{\"image\":\"busybox\",\"network\":\"BRIDGE\"" + dockerExtra + "}" + fields + "}}";
    }

    private static JsonNode details(String reply) throws Exception {
        assertThat(reply).startsWith("422 ");
        JsonNode body = MarathonJson.MAPPER.readTree(reply.substring(4));
        assertThat(body.path("message").asText()).isEqualTo("Object is not valid");
        return body.path("details");
    }

    @Test
    void unsafeContainersAre422NamingTheField() throws Exception {
        try (ApiFixture api = new ApiFixture()) {
            JsonNode privileged = details(api.call("POST", "/v2/apps", app("/p", PRIVILEGED)));
            assertThat(privileged.get(0).path("path").asText()).isEqualTo("/container/docker/privileged");
            assertThat(privileged.get(0).path("errors").get(0).asText()).contains("--docker_unsafe_options privileged");
            assertThat(details(api.call("POST", "/v2/apps", app("/v", HOST_VOLUME))).get(0).path("path").asText())
                    .isEqualTo("/container/volumes(0)/hostPath");
            JsonNode pid = details(api.call("PUT", "/v2/apps/pid", app("/pid", PID_HOST)));
            assertThat(pid.get(0).path("path").asText()).isEqualTo("/container/docker/parameters(0)");
            assertThat(pid.get(0).path("errors").get(0).asText()).contains("'pid'");
            for (String key : List.of("cap-add", "device", "security-opt", "privileged", "volume", "volumes-from",
                    "userns", "cgroup-parent", "ipc", "uts", "--pid", "network")) {
                String params = "{\"parameters\":[{\"key\":\"label\",\"value\":\"a=b\"},{\"key\":\"" + key
                        + "\",\"value\":\"host\"}]}";
                assertThat(details(api.call("POST", "/v2/apps", app("/k", params))).get(0).path("path").asText())
                        .as(key).isEqualTo("/container/docker/parameters(1)");
            }
            // in a group, the path names the app
            String group = "{\"id\":\"/g\",\"apps\":[" + app("/g/ok", "{}") + "," + app("/g/bad", PRIVILEGED) + "]}";
            assertThat(details(api.call("POST", "/v2/groups", group)).get(0).path("path").asText())
                    .endsWith("/container/docker/privileged").isNotEqualTo("/container/docker/privileged");
            assertThat(api.call("GET", "/v2/apps")).isEqualTo("200 {\"apps\":[]}");

            // safe parameters, anonymous volumes and both networks pass
            assertThat(api.call("POST", "/v2/apps", app("/safe", "{\"parameters\":[{\"key\":\"pull\",\"value\":"
                    + "\"never\"},{\"key\":\"label\",\"value\":\"team=web\"}]}"))).startsWith("201 ");
            assertThat(api.call("POST", "/v2/apps", app("/anon", "{},\"volumes\":[{\"containerPath\":\"/cache\","
                    + "\"mode\":\"RW\"}]"))).startsWith("201 ");
            assertThat(api.call("POST", "/v2/apps", app("/host", "{\"privileged\":false}").replace("BRIDGE", "HOST")))
                    .startsWith("201 ");
        }
    }

    @Test
    void dockerUnsafeOptionsAllowTheirSubset() throws Exception {
        SchedulerConfig config = SchedulerConfig.defaults("127.0.0.1:1", "127.0.0.1", "http://127.0.0.1")
                .withDocker(DockerPolicy.allowing(List.of("privileged", "parameters")));
        try (ApiFixture api = new ApiFixture(config)) {
            assertThat(api.call("POST", "/v2/apps", app("/p", PRIVILEGED))).startsWith("201 ");
            assertThat(api.call("POST", "/v2/apps", app("/pid", PID_HOST))).startsWith("201 ");
            assertThat(details(api.call("POST", "/v2/apps", app("/v", HOST_VOLUME))).get(0).path("path").asText())
                    .isEqualTo("/container/volumes(0)/hostPath");
        }
        config = config.withDocker(DockerPolicy.allowing(List.of("host_volumes")));
        try (ApiFixture api = new ApiFixture(config)) {
            assertThat(api.call("POST", "/v2/apps", app("/v", HOST_VOLUME))).startsWith("201 ");
            assertThat(api.call("POST", "/v2/apps", app("/p", PRIVILEGED))).startsWith("422 ");
        }
    }
}
