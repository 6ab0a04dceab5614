package io.plumbery.providers.jclouds.gce;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan the GCE tests build: plan {@code demo}, network {@code demo-f-web} (10.77.3.0/24) in europe-west1, node
 * {@code web1}; and a service account whose key is made for the test, so that the token request can be checked
 * against its public half.
 */
final class GceFixtures {

    static final String CLIENT_EMAIL = "plumbery@plumbery-test.iam.gserviceaccount.com";

    static final NetworkRequest NETWORK = new NetworkRequest("demo-f-web", "WebFox", "web", "10.77.3.0/24");

    static final List<FirewallRule> RULES = List.of(
            new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", "10.77.3.0/24"),
            new FirewallRule("netbios", FirewallRule.Protocol.UDP, 137, 138, "10.77.3.0/24", "10.77.3.0/24"),
            FirewallRule.icmp("ping", "10.77.0.0/16", "10.77.3.0/24"),
            FirewallRule.everything("accept-db", "10.88.0.0/24", "10.77.3.0/24"));

    /** A service account's key, made once for all the tests. */
    static final KeyPair KEY = key();

    private GceFixtures() {
    }

    /** The key file as Google writes it; its path is what GOOGLE_APPLICATION_CREDENTIALS names. */
    static Path keyFile(Path dir) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEY.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String json = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + GceReplay.PROJECT + "\",\n"
                + "  \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\",\n"
                + "  \"private_key\": \"" + pem.replace("\n", "\\n") + "\",\n"
                + "  \"client_email\": \"" + CLIENT_EMAIL + "\",\n  \"client_id\": \"100000000000000000001\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n";
        try {
            return Files.writeString(dir.resolve("plumbery-test-key.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> env(Path dir) {
        return Map.of("GOOGLE_APPLICATION_CREDENTIALS", keyFile(dir).toString());
    }

    static ProviderSettings settings(GceReplay replay, Path work, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("location", "europe-west1",
                "gce.endpoint", replay.computeEndpoint(), "gce.oauth-endpoint", replay.tokenEndpoint(),
                "gce.retry-delay-ms", "5", "gce.wait-timeout", "5", "gce.console-timeout", "1"));
        options.putAll(extra);
        return new ProviderSettings("demo", work, new SshIdentity(work.resolve("id_ed25519"),
                "ssh-ed25519 AAAAC3Nza test@plumbery", "plumbery"), options);
    }

    static GceProvider open(GceReplay replay, Path work) throws ProviderException {
        return GceProvider.open(settings(replay, work, Map.of()), env(work)::get, work);
    }

    static NodeRequest node(NetworkRecord network) {
        return new NodeRequest("web1", network, 2, 4096, List.of(20), "Ubuntu 22.04",
                "#cloud-config\nhostname: web1\n");
    }

    /** The network as ensureNetwork recorded it. */
    static NetworkRecord network(GceReplay replay) {
        String project = replay.computeEndpoint() + "/projects/" + GceReplay.PROJECT + "/";
        return new NetworkRecord("demo-f-web", "demo-f-web", "10.77.3.0/24", Map.of(
                "network", project + "global/networks/demo-f-web",
                "subnetwork", project + "regions/europe-west1/subnetworks/demo-f-web"));
    }

    private static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
