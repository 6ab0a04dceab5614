package io.plumbery.runtime.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of Mesos's authorization documentation, decided as its local authorizer decides them. */
class AuthorizerTest {

    @Test
    void withoutAclsEverythingIsAuthorized() {
        assertThat(Authorizer.fromFlag(null).configured()).isFalse();
        assertThat(Authorizer.NONE.authorized(Action.TEARDOWN_FRAMEWORK, null, "anyone")).isTrue();
        assertThat(Authorizer.NONE.mayRegister("x", List.of())).isTrue();
    }

    @Test
    void firstMatchingAclDecidesAndNoneDenies() {
        Authorizer acls = Authorizer.parse("""
                {"register_frameworks": [
                  {"principals": {"values": ["foo"]}, "roles": {"values": ["bar"]}},
                  {"principals": {"type": "ANY"}, "roles": {"type": "NONE"}}
                ]}""");
        assertThat(acls.authorized(Action.REGISTER_FRAMEWORK, "foo", "bar")).isTrue();
        assertThat(acls.authorized(Action.REGISTER_FRAMEWORK, "foo", "baz")).isFalse();
        assertThat(acls.authorized(Action.REGISTER_FRAMEWORK, "other", "bar")).isFalse();
        assertThat(acls.authorized(Action.REGISTER_FRAMEWORK, null, "bar")).isFalse();
        assertThat(acls.mayRegister("foo", List.of("bar", "baz"))).isFalse();
        assertThat(acls.mayRegister("foo", List.of("bar"))).isTrue();
        // an action with no ACLs at all falls to permissive, which is true unless set
        assertThat(acls.authorized(Action.TEARDOWN_FRAMEWORK, "other", "foo")).isTrue();
    }

    @Test
    void notPermissiveDeniesWhatNoAclMatches() {
        Authorizer acls = Authorizer.parse("""
                {"permissive": false,
                 "teardown_frameworks": [{"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}}],
                 "view_flags": [{"principals": {"values": ["ops", "dev"]}, "flags": {"type": "ANY"}}]}""");
        assertThat(acls.authorized(Action.TEARDOWN_FRAMEWORK, "ops", "marathon")).isTrue();
        assertThat(acls.authorized(Action.TEARDOWN_FRAMEWORK, "dev", "marathon")).isFalse();
        assertThat(acls.authorized(Action.VIEW_FLAGS, "dev")).isTrue();
        assertThat(acls.authorized(Action.VIEW_FLAGS, null)).isFalse();
        assertThat(acls.authorized(Action.SET_LOG_LEVEL, "ops")).isFalse();
    }

    @Test
    void anAclForAnyPrincipalAppliesToUnauthenticatedCallersToo() {
        Authorizer acls = Authorizer.parse("""
                {"permissive": false, "get_endpoints": [{"principals": {"type": "ANY"}, "paths": {"values": ["/flags"]}}]}""");
        assertThat(acls.authorized(Action.GET_ENDPOINT_WITH_PATH, null, "/flags")).isTrue();
        assertThat(acls.authorized(Action.GET_ENDPOINT_WITH_PATH, "someone", "/flags")).isTrue();
        assertThat(acls.authorized(Action.GET_ENDPOINT_WITH_PATH, "someone", "/metrics/snapshot")).isFalse();
    }

    @Test
    void runTasksOnlyAsTheGivenUsers() {
        Authorizer acls = Authorizer.parse("""
                {"run_tasks": [
                  {"principals": {"values": ["marathon"]}, "users": {"values": ["nobody"]}},
                  {"principals": {"type": "ANY"}, "users": {"type": "NONE"}}]}""");
        assertThat(acls.authorized(Action.RUN_TASK, "marathon", "nobody")).isTrue();
        assertThat(acls.authorized(Action.RUN_TASK, "marathon", "root")).isFalse();
    }

    @Test
    void recursiveRolesCoverEveryRoleBelowTheirParentOnly() {
        Authorizer acls = Authorizer.parse("""
                {"permissive": false, "update_weights": [
                  {"principals": {"values": ["ops"]}, "roles": {"values": ["eng/%", "qa"]}}]}""");
        assertThat(acls.authorized(Action.UPDATE_WEIGHT, "ops", "eng/web")).isTrue();
        assertThat(acls.authorized(Action.UPDATE_WEIGHT, "ops", "eng/web/canary")).isTrue();
        assertThat(acls.authorized(Action.UPDATE_WEIGHT, "ops", "eng")).isFalse();
        assertThat(acls.authorized(Action.UPDATE_WEIGHT, "ops", "qa")).isTrue();
        assertThat(acls.authorized(Action.UPDATE_WEIGHT, "dev", "eng/web")).isFalse();
    }

    @Test
    void readsTheFlagAsJsonOrAsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acls.json");
        Files.writeString(file, "{\"permissive\": false, \"reserve_resources\": []}");
        for (String flag : List.of(file.toString(), file.toUri().toString())) {
            Authorizer acls = Authorizer.fromFlag(flag);
            assertThat(acls.configured()).isTrue();
            assertThat(acls.authorized(Action.VIEW_FLAGS, "admin")).isFalse();
            assertThat(acls.ignoredKeys()).containsExactly("reserve_resources");
        }
    }

    @Test
    void badAclsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Authorizer.parse("{\"register_frameworks\": [{\"principals\": {\"type\": \"ANY\"}}]}"))
                .hasMessageContaining("register_frameworks[0] needs 'roles'");
        assertThatThrownBy(() -> Authorizer.parse("{\"view_flags\": [{\"principals\": {\"type\": \"ALL\"}, \"flags\": {}}]}"))
                .hasMessageContaining("view_flags[0].principals.type must be SOME, ANY or NONE");
        assertThatThrownBy(() -> Authorizer.parse("{\"permissive\": \"no\"}")).hasMessageContaining("permissive");
        assertThatThrownBy(() -> Authorizer.parse("[")).hasMessageStartingWith("Failed to parse ACLs");
        assertThatThrownBy(() -> Authorizer.fromFlag("/no/such/acls.json")).hasMessageContaining("Failed to read ACLs");
    }
}
