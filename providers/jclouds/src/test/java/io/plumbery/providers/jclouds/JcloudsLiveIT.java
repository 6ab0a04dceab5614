package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Against a real cloud, only under {@code mvn -B verify -Plive -Djclouds.provider=ID}; credentials from the
 * environment (see {@link JcloudsOptions}). Optional: {@code -Dplumbery.appliance}, {@code -Djclouds.location}.
 * Creates one small node and removes everything it made. Costs money; never part of the default build.
 */
class JcloudsLiveIT {

    @Test
    void oneNodeLifecycle() throws Exception {
        String id = System.getProperty("jclouds.provider", "");
        assumeTrue(!id.isBlank() && !id.startsWith("${"), "set -Djclouds.provider to run live tests");
        Map<String, String> options = new HashMap<>(Map.of(JcloudsOptions.PROVIDER, id));
        if (System.getProperty("jclouds.location") != null) {
            options.put(JcloudsOptions.LOCATION, System.getProperty("jclouds.location"));
        }
        ProviderSettings settings = new ProviderSettings("plumbery-live", Path.of("target"),
                new SshIdentity(Path.of("target", "id"), "ssh-ed25519 AAAA live", "plumbery"), options);
        try (JcloudsProvider provider = (JcloudsProvider) new JcloudsProviderFactory().open(settings)) {
            NetworkRecord network = provider.ensureNetwork(new NetworkRequest("plumbery-live-net", "live", "live",
                    "10.99.0.0/24"));
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("plumbery-live-fw", network,
                    List.of(new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", "10.99.0.0/24"))));
            NodeRecord node = provider.createNode(new NodeRequest("plumbery-live-01", network, 1, 1024, List.of(),
                    System.getProperty("plumbery.appliance", "Ubuntu 22.04"), "#cloud-config\n"));
            try {
                assertEquals(NodeStatus.RUNNING, provider.refreshNode(node).status());
            } finally {
                provider.destroyNode(node);
                provider.destroyFirewall(firewall);
                provider.destroyNetwork(network);
            }
            assertEquals(NodeStatus.GONE, provider.refreshNode(node).status());
        }
    }
}
