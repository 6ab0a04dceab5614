package io.plumbery.providers.jclouds.azure;

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

/** A service principal from the environment or an SDK auth file; never from the plan, never shown. */
class AzureCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentGivesTheServicePrincipal() throws ProviderException {
        AzureCredentials credentials = AzureCredentials.find(AzureFixtures.env()::get);
        assertEquals(AzureFixtures.CLIENT_ID, credentials.clientId());
        assertEquals(AzureReplay.TENANT, credentials.tenantId());
        assertEquals(AzureReplay.SUBSCRIPTION, credentials.subscriptionId());
        assertFalse(credentials.toString().contains(AzureFixtures.CLIENT_SECRET), credentials.toString());
    }

    @Test
    void anSdkAuthFileGivesItWhenTheEnvironmentDoesNot() throws Exception {
        Path file = Files.writeString(dir.resolve("azure.json"), "{\n  \"clientId\": \"" + AzureFixtures.CLIENT_ID
                + "\",\n  \"clientSecret\": \"" + AzureFixtures.CLIENT_SECRET + "\",\n  \"subscriptionId\": \""
                + AzureReplay.SUBSCRIPTION + "\",\n  \"tenantId\": \"" + AzureReplay.TENANT + "\",\n"
                + "  \"resourceManagerEndpointUrl\": \"https://management.azure.com/\"\n}\n");
        AzureCredentials credentials = AzureCredentials.find(Map.of("AZURE_AUTH_LOCATION", file.toString())::get);
        assertEquals(AzureFixtures.CLIENT_SECRET, credentials.clientSecret());
        assertEquals(file.toString(), credentials.source());
    }

    @Test
    void missingOnesAreNamedAndTheSecretIsNeverQuoted() throws Exception {
        ProviderException none = assertThrows(ProviderException.class, () -> AzureCredentials.find(
                Map.of("AZURE_CLIENT_ID", "x")::get));
        assertEquals("azure: no service principal: set AZURE_CLIENT_SECRET, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID "
                + "(az ad sp create-for-rbac), or AZURE_AUTH_LOCATION to its --sdk-auth file; the plan never holds them",
                none.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"clientSecret\": \"" + AzureFixtures.CLIENT_SECRET
                + "\", oops");
        ProviderException unreadable = assertThrows(ProviderException.class, () -> AzureCredentials.find(
                Map.of("AZURE_AUTH_LOCATION", broken.toString())::get));
        assertFalse(unreadable.getMessage().contains(AzureFixtures.CLIENT_SECRET), unreadable.getMessage());
        Path partial = Files.writeString(dir.resolve("partial.json"), "{\"clientId\": \"x\", \"clientSecret\": \"y\"}");
        ProviderException missing = assertThrows(ProviderException.class, () -> AzureCredentials.find(
                Map.of("AZURE_AUTH_LOCATION", partial.toString())::get));
        assertTrue(missing.getMessage().endsWith("has no tenantId, subscriptionId (az ad sp create-for-rbac --sdk-auth "
                + "writes them)"), missing.getMessage());
    }
}
