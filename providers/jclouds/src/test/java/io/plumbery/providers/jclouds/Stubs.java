package io.plumbery.providers.jclouds;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens stub providers for tests: each test picks its own identity, so it gets its own in-memory cloud. */
final class Stubs {

    static final String USER = "plumbery";

    private Stubs() {
    }

    static String freshIdentity() {
        return "test-" + UUID.randomUUID();
    }

    static ProviderSettings settings(String plan, String identity, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put(JcloudsOptions.IDENTITY, identity);
        return new ProviderSettings(plan, Path.of("target", "work"),
                new SshIdentity(Path.of("target", "work", "id_ed25519"), "ssh-ed25519 AAAAC3Nza test@plumbery", USER),
                options);
    }

    static JcloudsProvider open(String plan, String identity) throws ProviderException {
        return (JcloudsProvider) new StubProviderFactory().open(settings(plan, identity, Map.of()));
    }

    static NodeRequest node(String name, NetworkRecord network, String image) {
        return new NodeRequest(name, network, 2, 4096, List.of(50), image, "#cloud-config\nhostname: " + name + "\n");
    }
}
