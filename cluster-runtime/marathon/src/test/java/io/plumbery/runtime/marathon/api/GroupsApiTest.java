package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Groups as Marathon's {@code /v2/groups} has them: stored by themselves (empty ones too), with dependencies,
 * versions, rollbacks and scaling, on a leading scheduler without a master (apps of 0 instances finish their
 * deployments; others are changed with {@code force}).
 */
class GroupsApiTest {
    private final ApiFixture api;

    GroupsApiTest() throws Exception {
        api = new ApiFixture(); // one per test: JUnit makes an instance for each
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    static String app(String id, int instances, String more) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 100\",\"cpus\":0.1,\"mem\":16,\"instances\":" + instances + more
                + "}";
    }

    JsonNode json(String reply) throws Exception {
        return MarathonJson.MAPPER.readTree(reply.substring(4));
    }

    @Test
    void emptyGroupsAreCreatedListedAndDeleted() throws Exception {
        String created = api.call("POST", "/v2/groups", "{\"id\":\"/empty\"}");
        assertThat(created).startsWith("201 ");
        assertThat(json(created).properties()).extracting(e -> e.getKey()).containsExactly("version", "deploymentId");
        String version = json(created).path("version").asText();
        assertThat(api.call("GET", "/v2/groups/empty")).isEqualTo("200 {\"id\":\"/empty\",\"apps\":[],\"groups\":[],"
                + "\"pods\":[],\"dependencies\":[],\"version\":\"" + version + "\"}");
        assertThat(json(api.call("GET", "/v2/groups")).path("groups").findValuesAsText("id")).containsExactly("/empty");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/empty\"}")).isEqualTo("409 {\"message\":\"Group /empty "
                + "is already created. Use PUT to change this group.\"}");

        // nested, relative ids against the parent's; the path's group is the base of the body's id
        assertThat(api.call("POST", "/v2/groups/tree", "{\"id\":\"a\",\"groups\":[{\"id\":\"b\",\"groups\":[{\"id\":"
                + "\"c\"}]}]}")).startsWith("201 ");
        assertThat(api.call("GET", "/v2/groups/tree/a/b/c")).startsWith("200 {\"id\":\"/tree/a/b/c\"");
        assertThat(json(api.call("GET", "/v2/groups/tree?embed=group.groups")).findValuesAsText("id"))
                .containsExactly("/tree", "/tree/a", "/tree/a/b", "/tree/a/b/c");

        assertThat(api.call("DELETE", "/v2/groups/tree/a/b")).startsWith("200 {\"version\":");
        assertThat(api.call("GET", "/v2/groups/tree/a/b/c")).isEqualTo("404 {\"message\":\"Group '/tree/a/b/c' does "
                + "not exist\"}");
        assertThat(api.call("GET", "/v2/groups/tree/a")).startsWith("200 ");
        assertThat(api.call("DELETE", "/v2/groups/tree/a/b")).isEqualTo("404 {\"message\":\"Group '/tree/a/b' does "
                + "not exist\"}");
        // the root: DELETE empties it, and it still exists
        assertThat(api.call("DELETE", "/v2/groups")).startsWith("200 ");
        assertThat(api.call("GET", "/v2/groups")).startsWith("200 {\"id\":\"/\",\"apps\":[],\"groups\":[],");
    }

    @Test
    void anAppIdIsNoGroupId() throws Exception {
        assertThat(api.call("POST", "/v2/apps", app("/solo", 0, ""))).startsWith("201 ");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/solo\"}")).isEqualTo("409 {\"message\":\"An app with "
                + "the path /solo already exists.\"}");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/g\"}")).startsWith("201 ");
        assertThat(api.call("POST", "/v2/apps", app("/g", 0, ""))).startsWith("422 ")
                .contains("Groups and Applications may not have the same identifier");
    }

    @Test
    void versionsListWhatTheGroupWasAndAVersionPutsItBack() throws Exception {
        String v1 = json(api.call("POST", "/v2/groups", "{\"id\":\"/rb\",\"apps\":[" + app("a", 0, "") + "]}"))
                .path("version").asText();
        String v2 = json(api.call("PUT", "/v2/groups/rb", "{\"apps\":[" + app("a", 0, ",\"env\":{\"GEN\":\"2\"}")
                + "," + app("b", 0, "") + "],\"groups\":[{\"id\":\"sub\"}]}")).path("version").asText();
        assertThat(v2).isGreaterThan(v1);
        assertThat(json(api.call("GET", "/v2/groups/rb/versions"))).extracting(JsonNode::asText)
                .containsExactly(v2, v1);
        assertThat(json(api.call("GET", "/v2/groups/rb/sub/versions"))).extracting(JsonNode::asText)
                .containsExactly(v2);
        JsonNode then = json(api.call("GET", "/v2/groups/rb/versions/" + v1));
        assertThat(then.path("apps").findValuesAsText("id")).containsExactly("/rb/a");
        assertThat(then.path("groups")).isEmpty();
        assertThat(api.call("GET", "/v2/groups/rb/versions/2001-01-01T00:00:00.000Z"))
                .isEqualTo("404 {\"message\":\"Group '/rb' does not exist\"}");
        assertThat(json(api.call("GET", "/v2/groups/versions"))).extracting(JsonNode::asText).contains(v2, v1);

        String back = api.call("PUT", "/v2/groups/rb", "{\"version\":\"" + v1 + "\"}");
        assertThat(back).startsWith("200 ");
        String v3 = json(back).path("version").asText();
        JsonNode now = json(api.call("GET", "/v2/groups/rb"));
        assertThat(now.path("apps").findValuesAsText("id")).containsExactly("/rb/a");
        assertThat(now.path("apps").get(0).path("env").has("GEN")).isFalse();
        assertThat(now.path("groups")).isEmpty();
        assertThat(now.path("version").asText()).isEqualTo(v3);
        assertThat(api.call("GET", "/v2/apps/rb/b")).startsWith("404 ");
        assertThat(json(api.call("GET", "/v2/groups/rb/versions"))).extracting(JsonNode::asText)
                .containsExactly(v3, v2, v1);
    }

    @Test
    void scaleByMultipliesEveryAppsInstancesRoundingUp() throws Exception {
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/sc\",\"apps\":[" + app("a", 1, "") + "],\"groups\":["
                + "{\"id\":\"in\",\"apps\":[" + app("b", 3, "") + "]}]}")).startsWith("201 ");
        assertThat(api.call("PUT", "/v2/groups/sc", "{\"scaleBy\":1.5}")).startsWith("409 ")
                .contains("App is locked by one or more deployments.");
        assertThat(api.call("PUT", "/v2/groups/sc?force=true", "{\"scaleBy\":1.5}")).startsWith("200 ");
        assertThat(json(api.call("GET", "/v2/apps/sc/a")).path("app").path("instances").asInt()).isEqualTo(2);
        assertThat(json(api.call("GET", "/v2/apps/sc/in/b")).path("app").path("instances").asInt()).isEqualTo(5);
        assertThat(api.call("PUT", "/v2/groups/sc?force=true", "{\"scaleBy\":-1}")).startsWith("422 ")
                .contains("\"path\":\"/scaleBy\"");
    }

    @Test
    void groupDependenciesAreKeptAndACycleThroughThemIsRefused() throws Exception {
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/db\",\"apps\":[" + app("pg", 0, "") + "]}"))
                .startsWith("201 ");
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/web\",\"dependencies\":[\"/db\"],\"apps\":["
                + app("fe", 0, "") + "]}")).startsWith("201 ");
        assertThat(json(api.call("GET", "/v2/groups/web")).path("dependencies")).extracting(JsonNode::asText)
                .containsExactly("/db");
        String cycle = api.call("PUT", "/v2/groups/db", "{\"dependencies\":[\"../web\"]}");
        assertThat(cycle).isEqualTo("422 {\"message\":\"Object is not valid\",\"details\":[{\"path\":\"/\",\"errors\":"
                + "[\"Dependency graph has cyclic dependencies.\"]}]}");
        assertThat(json(api.call("GET", "/v2/groups/db")).path("dependencies")).isEmpty();
    }

    @Test
    void embedBringsCountsDeploymentsAndTasksOnlyWhenNamed() throws Exception {
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/em\",\"apps\":[" + app("a", 0, "") + "]}"))
                .startsWith("201 ");
        JsonNode plain = json(api.call("GET", "/v2/groups/em")).path("apps").get(0);
        assertThat(plain.has("tasksRunning") || plain.has("deployments") || plain.has("tasks")).isFalse();
        JsonNode counted = json(api.call("GET", "/v2/groups/em?embed=group.apps&embed=group.apps.counts"))
                .path("apps").get(0);
        assertThat(counted.path("tasksRunning").asInt(-1)).isZero();
        assertThat(counted.has("deployments")).isFalse();
        JsonNode tasks = json(api.call("GET", "/v2/groups/em?embed=group.apps&embed=group.apps.tasks")).path("apps")
                .get(0);
        assertThat(tasks.path("tasks").isArray()).isTrue();
        assertThat(tasks.path("deployments").isArray()).isTrue();
        assertThat(json(api.call("GET", "/v2/groups/em?embed=group.apps.tasks")).has("apps")).isFalse();
        assertThat(json(api.call("GET", "/v2/groups/em/apps")).findValuesAsText("id")).containsExactly("/em/a");
    }

    @Test
    void aDryRunAnswersTheStepsAndChangesNothing() throws Exception {
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/dry\",\"apps\":[" + app("a", 0, "") + "]}"))
                .startsWith("201 ");
        String versions = api.call("GET", "/v2/groups/dry/versions");
        assertThat(api.call("PUT", "/v2/groups/dry?dryRun=true", "{\"apps\":[" + app("a", 0, "") + ","
                + app("b", 0, ",\"dependencies\":[\"a\"]") + "]}")).isEqualTo("200 {\"steps\":["
                + "{\"actions\":[{\"action\":\"StartApplication\",\"app\":\"/dry/b\"}]},"
                + "{\"actions\":[{\"action\":\"ScaleApplication\",\"app\":\"/dry/b\"}]}]}");
        assertThat(api.call("GET", "/v2/apps/dry/b")).startsWith("404 ");
        assertThat(api.call("GET", "/v2/groups/dry/versions")).isEqualTo(versions);
        assertThat(api.call("PUT", "/v2/groups/dry?dryRun=true", "{\"dependencies\":[\"/dry\"]}"))
                .startsWith("422 ").contains("Dependency graph has cyclic dependencies.");
    }
}
