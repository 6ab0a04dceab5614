package io.plumbery.providers.jclouds.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.ProviderException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the OpenStack login is found: clouds.yaml as OS_CLOUD names it, else OS_*; never in a message. */
class OpenStackCredentialsTest {

    private static final String SECRET = "pa55-never-printed";

    @TempDir
    Path home;

    @Test
    void theOpenrcVariablesGiveAProjectScopedPasswordLogin() throws Exception {
        Map<String, String> env = Map.of("OS_AUTH_URL", "https://keystone.example.org:5000", "OS_USERNAME", "ops",
                "OS_PASSWORD", SECRET, "OS_PROJECT_NAME", "web", "OS_USER_DOMAIN_NAME", "Users",
                "OS_PROJECT_DOMAIN_NAME", "Projects", "OS_REGION_NAME", "RegionTwo");
        OpenStackCredentials credentials = OpenStackCredentials.find(env::get, home, home);
        assertEquals("https://keystone.example.org:5000/v3", credentials.endpoint(), "a version-less auth_url gets /v3");
        assertEquals("Users:ops", credentials.identity());
        assertEquals("RegionTwo", credentials.region());
        Properties keystone = credentials.keystone();
        assertEquals("3", keystone.getProperty("jclouds.keystone.version"));
        assertEquals("project:web", keystone.getProperty("jclouds.keystone.scope"));
        assertEquals("Projects", keystone.getProperty("jclouds.keystone.project-domain-name"));
        assertFalse(credentials.toString().contains(SECRET), credentials.toString());
    }

    @Test
    void aProjectIdScopesByIdAndDomainsDefaultToDefault() throws Exception {
        Map<String, String> env = Map.of("OS_AUTH_URL", "https://keystone.example.org/identity/v3/", "OS_USERNAME",
                "ops", "OS_PASSWORD", SECRET, "OS_PROJECT_ID", "0123abcd");
        OpenStackCredentials credentials = OpenStackCredentials.find(env::get, home, home);
        assertEquals("https://keystone.example.org/identity/v3", credentials.endpoint());
        assertEquals("Default:ops", credentials.identity());
        assertEquals("projectId:0123abcd", credentials.keystone().getProperty("jclouds.keystone.scope"));
        assertNull(credentials.keystone().getProperty("jclouds.keystone.project-domain-name"));
    }

    @Test
    void osCloudNamesACloudOfTheFirstCloudsYamlThatHasIt() throws Exception {
        Path mine = home.resolve("mine.yaml");
        Files.writeString(mine, "clouds:\n  a:\n    auth: {auth_url: 'https://one/v3', username: u1, password: "
                + SECRET + ", project_name: p1}\n");
        Files.createDirectories(home.resolve(".config/openstack"));
        Files.writeString(home.resolve(".config/openstack/clouds.yaml"), "clouds:\n  b:\n    region_name: Two\n"
                + "    auth: {auth_url: 'https://two/v3', username: u2, password: " + SECRET + ", project_name: p2}\n");
        Map<String, String> env = new HashMap<>(Map.of("OS_CLOUD", "b", "OS_CLIENT_CONFIG_FILE", mine.toString()));
        OpenStackCredentials b = OpenStackCredentials.find(env::get, home, home.resolve("nowhere"));
        assertEquals("u2", b.username());
        assertEquals("Two", b.region());
        assertTrue(b.source().startsWith("clouds.yaml " + home.resolve(".config/openstack/clouds.yaml")), b.source());
        env.put("OS_CLOUD", "a");
        assertEquals("u1", OpenStackCredentials.find(env::get, home, home.resolve("nowhere")).username());

        env.put("OS_CLOUD", "c");
        ProviderException missing = assertThrows(ProviderException.class,
                () -> OpenStackCredentials.find(env::get, home, home.resolve("nowhere")));
        assertTrue(missing.getMessage().startsWith("openstack: OS_CLOUD is 'c' but no clouds.yaml has it (looked in "
                + mine), missing.getMessage());
    }

    @Test
    void whatJcloudsCannotSignInWithIsRefusedByName() throws Exception {
        Files.writeString(home.resolve("clouds.yaml"), """
                clouds:
                  app:
                    auth_type: v3applicationcredential
                    auth: {auth_url: 'https://one/v3', application_credential_id: abc, application_credential_secret: %s}
                  partial:
                    auth: {auth_url: 'https://one/v3', password: %s}
                """.formatted(SECRET, SECRET));
        ProviderException app = assertThrows(ProviderException.class,
                () -> OpenStackCredentials.find(Map.of("OS_CLOUD", "app")::get, home.resolve("h"), home));
        assertTrue(app.getMessage().contains("auth_type 'v3applicationcredential' is not supported"), app.getMessage());
        ProviderException partial = assertThrows(ProviderException.class,
                () -> OpenStackCredentials.find(Map.of("OS_CLOUD", "partial")::get, home.resolve("h"), home));
        assertTrue(partial.getMessage().endsWith("lacks username, project_name or project_id"), partial.getMessage());
        ProviderException none = assertThrows(ProviderException.class,
                () -> OpenStackCredentials.find(Map.<String, String>of()::get, home, home));
        assertTrue(none.getMessage().startsWith("openstack: no credentials: set OS_CLOUD"), none.getMessage());
        for (ProviderException e : new ProviderException[] {app, partial, none}) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }

    @Test
    void aBrokenCloudsYamlIsNamedWithoutItsText() throws Exception {
        Files.writeString(home.resolve("clouds.yaml"), "clouds:\n  x: [password: " + SECRET + "\n");
        ProviderException e = assertThrows(ProviderException.class,
                () -> OpenStackCredentials.find(Map.of("OS_CLOUD", "x")::get, home.resolve("h"), home));
        assertTrue(e.getMessage().startsWith("openstack: cannot read " + home.resolve("clouds.yaml")), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }
}
