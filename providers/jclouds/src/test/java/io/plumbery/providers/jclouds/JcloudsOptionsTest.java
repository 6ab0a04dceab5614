package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JcloudsOptionsTest {

    @TempDir
    Path dir;

    private ProviderSettings settings(Map<String, String> options) {
        return new ProviderSettings("p", dir, new SshIdentity(dir.resolve("k"), "ssh-ed25519 AAAA", "u"), options);
    }

    @Test
    void optionsWinOverTheEnvironment() throws ProviderException {
        JcloudsOptions options = JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "aws-ec2",
                "jclouds.identity", "me", "jclouds.credential", "pw")), Map.of("AWS_ACCESS_KEY_ID", "env")::get);
        assertEquals("me", options.identity());
        assertEquals("pw", options.credential());
    }

    @Test
    void perProviderThenCloudThenGenericEnvironment() throws ProviderException {
        Map<String, String> env = Map.of("JCLOUDS_AWS_EC2_IDENTITY", "a", "AWS_ACCESS_KEY_ID", "b",
                "AWS_SECRET_ACCESS_KEY", "c", "JCLOUDS_IDENTITY", "d", "JCLOUDS_CREDENTIAL", "e");
        JcloudsOptions options = JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "aws-ec2")),
                env::get);
        assertEquals("a", options.identity());
        assertEquals("c", options.credential());
        JcloudsOptions nova = JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "openstack-nova")),
                env::get);
        assertEquals("d", nova.identity());
        assertEquals("e", nova.credential());
    }

    @Test
    void aTokenIsEnoughForDigitalOcean() throws ProviderException {
        JcloudsOptions options = JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "digitalocean2")),
                Map.of("DIGITALOCEAN_TOKEN", "t")::get);
        assertEquals("t", options.credential());
    }

    @Test
    void missingCredentialsSayWhereToPutThem() {
        ProviderException error = assertThrows(ProviderException.class, () -> JcloudsOptions.resolve(null,
                settings(Map.of("jclouds.provider", "google-compute-engine")), name -> null));
        assertFalse(error.retryable());
        assertTrue(error.getMessage().contains("JCLOUDS_GOOGLE_COMPUTE_ENGINE_IDENTITY"), error.getMessage());
    }

    @Test
    void credentialFileLocationAliasesAndPassThroughProperties() throws Exception {
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----");
        JcloudsOptions options = JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider",
                "google-compute-engine", "jclouds.identity", "sa@project", "jclouds.credential-file", pem.toString(),
                "regionId", "europe-west1", "jclouds.regions", "europe-west1", "jclouds.image", "img-1")),
                name -> null);
        assertEquals("-----BEGIN PRIVATE KEY-----", options.credential());
        assertEquals(Optional.of("europe-west1"), options.location());
        assertEquals(Optional.of("img-1"), options.imageId());
        assertEquals("europe-west1", options.overrides().getProperty("jclouds.regions"));
        assertEquals(1, options.overrides().size());
        assertFalse(options.toString().contains("PRIVATE KEY"));
    }

    @Test
    void theStubNeedsNoCredentials() throws ProviderException {
        JcloudsOptions options = JcloudsOptions.resolve("stub", settings(Map.of()), name -> null);
        assertEquals(JcloudsOptions.STUB_IDENTITY, options.identity());
        assertTrue(options.isStub());
        assertFalse(options.attachSecurityGroups());
    }

    @Test
    void securityGroupsAreAttachedOnRealCloudsUnlessTurnedOff() throws ProviderException {
        Map<String, String> env = Map.of("JCLOUDS_IDENTITY", "i", "JCLOUDS_CREDENTIAL", "c");
        assertTrue(JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "aws-ec2")), env::get)
                .attachSecurityGroups());
        assertFalse(JcloudsOptions.resolve(null, settings(Map.of("jclouds.provider", "aws-ec2",
                "jclouds.attach-security-groups", "false")), env::get).attachSecurityGroups());
    }
}
