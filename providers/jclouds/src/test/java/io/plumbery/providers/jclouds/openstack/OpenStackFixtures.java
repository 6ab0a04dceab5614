package io.plumbery.providers.jclouds.openstack;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan the OpenStack tests build: plan {@code demo}, network {@code demo-f-web} (10.77.3.0/24) in RegionOne, node
 * {@code web1}; credentials in a clouds.yaml that {@code OS_CLOUD} names.
 */
final class OpenStackFixtures {

    static final String PASSWORD = "s3cr3t-PlumberyTestPasswordNeverPrinted0001";

    static final NetworkRequest NETWORK = new NetworkRequest("demo-f-web", "WebFox", "web", "10.77.3.0/24");

    private OpenStackFixtures() {
    }

    /** A clouds.yaml with cloud {@code replay} signing in to the replay's Keystone. */
    static Path cloudsYaml(OpenStackReplay replay, Path dir) {
        String yaml = """
                clouds:
                  other:
                    auth:
                      auth_url: https://keystone.example.org/v3
                      username: someone
                      password: not-this-one
                      project_name: elsewhere
                  replay:
                    auth_type: password
                    auth:
                      auth_url: %s
                      username: plumbery
                      password: %s
                      project_name: plumbery-test
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                """.formatted(replay.authUrl(), PASSWORD);
        try {
            Path config = Files.createDirectories(dir.resolve(".config/openstack"));
            return Files.writeString(config.resolve("clouds.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProviderSettings settings(Path work, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("os.retry-delay-ms", "5", "os.wait-timeout", "5"));
        options.putAll(extra);
        return new ProviderSettings("demo", work, new SshIdentity(work.resolve("id_ed25519"),
                "ssh-ed25519 AAAAC3Nza test@plumbery", "plumbery"), options);
    }

    /** Opened as a facility without settings of its own, OS_CLOUD naming the replay's cloud in {@code home}. */
    static OpenStackProvider open(OpenStackReplay replay, Path home) throws ProviderException {
        return open(replay, home, Map.of());
    }

    static OpenStackProvider open(OpenStackReplay replay, Path home, Map<String, String> extra)
            throws ProviderException {
        cloudsYaml(replay, home);
        return OpenStackProvider.open(settings(home, extra), Map.of("OS_CLOUD", "replay")::get, home,
                home.resolve("elsewhere"));
    }

    static NodeRequest node(NetworkRecord network) {
        return new NodeRequest("web1", network, 2, 4096, List.of(20), "Debian 12", "#cloud-config\nhostname: web1\n");
    }

    /** The network as ensureNetwork recorded it. */
    static NetworkRecord network() {
        return new NetworkRecord(OpenStackReplay.NETWORK, "demo-f-web", "10.77.3.0/24", Map.of("networkId",
                OpenStackReplay.NETWORK, "subnetId", OpenStackReplay.SUBNET));
    }
}
