package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.Providers;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JcloudsFactoriesTest {

    @Test
    void bothFactoriesAreFoundThroughServiceLoader() {
        Map<String, ?> all = Providers.discover().all();
        assertTrue(all.containsKey("stub"), all.toString());
        assertTrue(all.containsKey("jclouds"), all.toString());
    }

    @Test
    void theGenericFactoryOpensTheStubByName() throws ProviderException {
        try (Provider provider = Providers.discover().open("jclouds", Stubs.settings("generic", Stubs.freshIdentity(),
                Map.of(JcloudsOptions.PROVIDER, "stub")))) {
            assertEquals("jclouds", provider.name());
        }
        try (Provider provider = Providers.discover().open("stub", Stubs.settings("generic", Stubs.freshIdentity(),
                Map.of()))) {
            assertEquals("stub", provider.name());
        }
    }

    @Test
    void theGenericFactoryNeedsAProviderId() {
        ProviderException error = assertThrows(ProviderException.class, () -> Providers.discover().open("jclouds",
                Stubs.settings("generic", "x", Map.of())));
        assertTrue(error.getMessage().contains("jclouds.provider"), error.getMessage());
        assertFalse(error.retryable());
    }

    @Test
    void anUnknownProviderIdListsTheKnownOnes() {
        ProviderException error = assertThrows(ProviderException.class, () -> Providers.discover().open("jclouds",
                Stubs.settings("generic", "x", Map.of(JcloudsOptions.PROVIDER, "aws-ec3",
                        JcloudsOptions.CREDENTIAL, "secret"))));
        assertTrue(error.getMessage().startsWith("unknown jclouds provider 'aws-ec3'; known: "), error.getMessage());
        for (String id : new String[] {"aws-ec2", "google-compute-engine", "azurecompute-arm", "digitalocean2",
                "openstack-nova", "byon", "stub"}) {
            assertTrue(error.getMessage().contains(id), id + " in " + error.getMessage());
        }
    }

    @Test
    void theStubFactoryRefusesAnotherProvider() {
        ProviderException error = assertThrows(ProviderException.class, () -> Providers.discover().open("stub",
                Stubs.settings("p", "x", Map.of(JcloudsOptions.PROVIDER, "aws-ec2"))));
        assertTrue(error.getMessage().contains("use provider 'jclouds'"), error.getMessage());
    }

    /** Builds real cloud contexts, which makes no call: the endpoint is a closed loopback port all the same. */
    @Test
    void realCloudContextsBuildWithTheParentsPins() throws ProviderException {
        for (String id : new String[] {"aws-ec2", "digitalocean2", "openstack-nova", "google-compute-engine",
                "azurecompute-arm"}) {
            Map<String, String> env = Map.of("JCLOUDS_IDENTITY", "someone", "JCLOUDS_CREDENTIAL", "secret");
            try (JcloudsProvider provider = JcloudsProvider.open("jclouds", null, Stubs.settings("p", "someone",
                    Map.of(JcloudsOptions.PROVIDER, id, JcloudsOptions.ENDPOINT, "http://127.0.0.1:9/")), env::get)) {
                assertEquals("jclouds", provider.name());
                assertEquals(id, provider.computeService().getContext().unwrap().getId());
            }
        }
    }
}
