package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/groups[/{id}]?embed=}: Marathon's default embeds, or only those named. */
class GroupEmbedTest {
    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture();
        assertThat(api.call("POST", "/v2/groups", "{\"id\":\"/prod\",\"apps\":[{\"id\":\"web\",\"cmd\":\"sleep 1\","
                + "\"instances\":0}],\"groups\":[{\"id\":\"db\",\"apps\":[{\"id\":\"pg\",\"cmd\":\"sleep 1\","
                + "\"instances\":0}]}]}")).startsWith("201 ");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void withoutEmbedAppsGroupsAndPodsAreEmbedded() throws Exception {
        assertThat(api.call("GET", "/v2/groups/prod")).startsWith("200 {\"id\":\"/prod\",\"apps\":[{\"id\":\"/prod/web\"")
                .contains("\"groups\":[{\"id\":\"/prod/db\",\"apps\":[{\"id\":\"/prod/db/pg\"", "\"pods\":[]");
    }

    @Test
    void embedNamesWhatIsEmbedded() throws Exception {
        String appsOnly = api.call("GET", "/v2/groups/prod?embed=group.apps");
        assertThat(appsOnly).startsWith("200 {\"id\":\"/prod\",\"apps\":[{\"id\":\"/prod/web\"")
                .doesNotContain("\"groups\"", "\"pods\"", "/prod/db");
        String groupsOnly = api.call("GET", "/v2/groups/prod?embed=group.groups");
        assertThat(groupsOnly).startsWith("200 {\"id\":\"/prod\",\"groups\":[{\"id\":\"/prod/db\",\"groups\":[]")
                .doesNotContain("\"apps\"", "/prod/web");
        assertThat(api.call("GET", "/v2/groups?embed=group.groups&embed=group.apps&embed=group.apps.tasks"))
                .contains("{\"id\":\"/prod/web\"", "\"tasks\":[]");
    }
}
