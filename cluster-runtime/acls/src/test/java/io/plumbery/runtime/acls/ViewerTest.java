package io.plumbery.runtime.acls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a principal may view, decided by users as Mesos's local authorizer decides it, and lists filtered in place. */
class ViewerTest {
    private static final Authorizer ACLS = Authorizer.parse("""
            {"permissive": false,
             "view_frameworks": [{"principals": {"values": ["ops"]}, "users": {"type": "ANY"}},
                                 {"principals": {"values": ["web"]}, "users": {"values": ["www"]}}],
             "view_tasks": [{"principals": {"values": ["ops", "web"]}, "users": {"values": ["www"]}}],
             "access_sandboxes": [{"principals": {"values": ["web"]}, "users": {"values": ["www"]}}],
             "view_roles": [{"principals": {"type": "ANY"}, "roles": {"values": ["public"]}}]}""");

    @Test
    void frameworksAndTasksGoByTheirUsers() {
        Viewer web = new Viewer(ACLS, "web");
        assertThat(web.seesAll()).isFalse();
        assertThat(web.seesFramework("www")).isTrue();
        assertThat(web.seesFramework("batch")).isFalse();
        assertThat(web.seesFramework(null)).as("an unknown user is asked as any user").isFalse();
        assertThat(web.seesTask("www", null)).as("a task without a user of its own: its framework's").isTrue();
        assertThat(web.seesTask("www", "batch")).isFalse();
        assertThat(web.seesTask("batch", "www")).as("never a task of a framework it may not view").isFalse();
        assertThat(new Viewer(ACLS, "ops").seesTask("batch", "www")).isTrue();
        assertThat(new Viewer(ACLS, "ops").seesFramework(null)).isTrue();
    }

    @Test
    void sandboxesRolesFlagsAndLogsAreTheirOwnActions() {
        Viewer web = new Viewer(ACLS, "web");
        assertThat(web.seesSandbox("www")).isTrue();
        assertThat(web.seesSandbox("batch")).isFalse();
        assertThat(web.seesFlags()).isFalse();
        assertThat(web.seesLog()).isFalse();
        assertThat(new Viewer(ACLS, null).seesRole("public")).as("unauthenticated: ANY principal ACLs only").isTrue();
        assertThat(new Viewer(ACLS, null).seesRole("private")).isFalse();
        assertThat(new Viewer(Authorizer.NONE, null).seesFlags()).as("without --acls").isTrue();
    }

    @Test
    void listsKeepWhatStaysInOrder() throws Exception {
        JsonNode list = new ObjectMapper().readTree("[1, 2, 3, 4]");
        JsonLists.retain(list, n -> n.asInt() % 2 == 0);
        assertThat(list.toString()).isEqualTo("[2,4]");
        JsonNode object = new ObjectMapper().readTree("{\"a\": 1}");
        JsonLists.retain(object, n -> false);
        assertThat(object.toString()).isEqualTo("{\"a\":1}");
    }
}
