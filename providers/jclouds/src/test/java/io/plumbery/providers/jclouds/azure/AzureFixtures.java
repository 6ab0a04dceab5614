package io.plumbery.providers.jclouds.azure;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan the Azure tests build: plan {@code demo} in westeurope (resource group {@code plumbery-demo}), network
 * {@code demo-f-web} (domain WebFox, ethernet web, 10.77.3.0/24), node {@code web1}; and a service principal of the
 * test's own making.
 */
final class AzureFixtures {

    static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_SECRET = "replay~client~secret~never~shown";

    static final NetworkRequest NETWORK = new NetworkRequest("demo-f-web", "WebFox", "web", "10.77.3.0/24");

    static final List<FirewallRule> RULES = List.of(
            new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", "10.77.3.0/24"),
            new FirewallRule("netbios", FirewallRule.Protocol.UDP, 137, 138, "10.77.3.0/24", "10.77.3.0/24"),
            FirewallRule.icmp("ping", "10.77.0.0/16", "10.77.3.0/24"),
            FirewallRule.everything("accept-db", "10.88.0.0/24", "10.77.3.0/24"));

    private AzureFixtures() {
    }

    static Map<String, String> env() {
        return Map.of("AZURE_CLIENT_ID", CLIENT_ID, "AZURE_CLIENT_SECRET", CLIENT_SECRET,
                "AZURE_TENANT_ID", AzureReplay.TENANT, "AZURE_SUBSCRIPTION_ID", AzureReplay.SUBSCRIPTION);
    }

    static ProviderSettings settings(AzureReplay replay, Path work, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("location", "westeurope",
                "azure.endpoint", replay.endpoint(), "azure.oauth-endpoint", replay.endpoint(),
                "azure.retry-delay-ms", "5", "azure.wait-timeout", "5"));
        options.putAll(extra);
        return new ProviderSettings("demo", work, new SshIdentity(work.resolve("id_ed25519"),
                "ssh-ed25519 AAAAC3Nza test@plumbery", "plumbery"), options);
    }

    static AzureProvider open(AzureReplay replay, Path work) throws ProviderException {
        return AzureProvider.open(settings(replay, work, Map.of()), env()::get);
    }

    static NodeRequest node(NetworkRecord network) {
        return new NodeRequest("web1", network, 2, 4096, List.of(20), "Ubuntu 22.04",
                "#cloud-config\nhostname: web1\n");
    }

    /** The network as ensureNetwork recorded it. */
    static NetworkRecord network() {
        String subnet = "/subscriptions/" + AzureReplay.SUBSCRIPTION + "/resourceGroups/plumbery-demo/providers/"
                + "Microsoft.Network/virtualNetworks/WebFox/subnets/web";
        return new NetworkRecord(subnet, "demo-f-web", "10.77.3.0/24", Map.of("virtualNetwork", "WebFox",
                "subnet", "web", "subnetId", subnet, "securityGroup", "demo-f-web-nsg"));
    }
}
