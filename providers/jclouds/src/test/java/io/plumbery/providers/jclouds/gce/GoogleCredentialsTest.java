package io.plumbery.providers.jclouds.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.ProviderException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service account's key where Google's tools keep it; never shown. */
class GoogleCredentialsTest {

    @TempDir
    Path home;

    @Test
    void theFileGoogleApplicationCredentialsNamesWithItsProject() throws Exception {
        Path key = GceFixtures.keyFile(home);
        GoogleCredentials credentials = GoogleCredentials.find(Map.of("GOOGLE_APPLICATION_CREDENTIALS",
                key.toString())::get, home);
        assertEquals(GceFixtures.CLIENT_EMAIL, credentials.clientEmail());
        assertEquals("plumbery-test", credentials.project());
        assertTrue(credentials.privateKey().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertFalse(credentials.toString().contains("PRIVATE"), credentials.toString());
    }

    @Test
    void elseGcloudsApplicationDefaultCredentialsAndTheProjectOfTheEnvironment() throws Exception {
        Path gcloud = Files.createDirectories(home.resolve(".config/gcloud"));
        Files.move(GceFixtures.keyFile(home), gcloud.resolve("application_default_credentials.json"));
        assertEquals("other-project", GoogleCredentials.find(Map.of("GOOGLE_CLOUD_PROJECT", "other-project")::get,
                home).project());
        assertEquals("third-project", GoogleCredentials.find(Map.of("CLOUDSDK_CORE_PROJECT", "third-project")::get,
                home).project());
        Path config = Files.createDirectories(home.resolve("elsewhere"));
        Files.move(gcloud.resolve("application_default_credentials.json"),
                config.resolve("application_default_credentials.json"));
        assertEquals("plumbery-test", GoogleCredentials.find(Map.of("CLOUDSDK_CONFIG", config.toString())::get, home)
                .project());
    }

    @Test
    void aUsersRefreshTokenIsRefusedWithWhatToDo() throws Exception {
        Path gcloud = Files.createDirectories(home.resolve(".config/gcloud"));
        Files.writeString(gcloud.resolve("application_default_credentials.json"), "{\"type\": \"authorized_user\", "
                + "\"client_id\": \"1.apps.googleusercontent.com\", \"client_secret\": \"d-FL95Q19q7MQmFpd7hHD0Ty\", "
                + "\"refresh_token\": \"1//0refresh\"}");
        ProviderException e = assertThrows(ProviderException.class, () -> GoogleCredentials.find(Map.<String, String>of()::get,
                home));
        assertTrue(e.getMessage().contains("type authorized_user, from gcloud auth application-default login), which "
                + "jclouds cannot use: give a service account's JSON key in GOOGLE_APPLICATION_CREDENTIALS"),
                e.getMessage());
        assertFalse(e.getMessage().contains("d-FL95Q19q7MQmFpd7hHD0Ty"));
    }

    @Test
    void noKeySaysWhereItWasLookedFor() {
        ProviderException e = assertThrows(ProviderException.class, () -> GoogleCredentials.find(
                Map.<String, String>of()::get, home));
        assertEquals("google-compute-engine: no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service "
                + "account's JSON key, or put one at " + home.resolve(".config/gcloud/application_default_credentials.json")
                + "; the plan never holds them", e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsNotQuoted() throws Exception {
        Path file = Files.writeString(home.resolve("key.json"), "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n");
        ProviderException e = assertThrows(ProviderException.class, () -> GoogleCredentials.find(Map.of(
                "GOOGLE_APPLICATION_CREDENTIALS", file.toString())::get, home));
        assertEquals("google-compute-engine: " + file + " is not a JSON key file", e.getMessage());
    }
}
