package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jclouds.azurecompute.arm.domain.NetworkSecurityGroup;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityGroupProperties;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityRule;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityRuleProperties;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityRuleProperties.Access;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityRuleProperties.Direction;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityRuleProperties.Protocol;

/**
 * A network's firewall as the rules of its network security group: one inbound Allow rule per plan rule, in the
 * plan's order from priority 100, the whole set written in one PUT of the group (which replaces the rules it had, so
 * a rule the plan dropped goes). Azure's default rules stay under them: traffic within the virtual network and from
 * Azure's load balancer is let in, everything else from outside is not.
 *
 * <p>jclouds 2.7.0 knows the protocols Tcp, Udp and {@code *} only, not Icmp: a plan's ping rule is not written.
 * Ping from inside the virtual network is let in by Azure's default rule {@code AllowVnetInBound}; from outside it
 * is not, and the firewall's record says which rules were left out.
 */
final class AzureFirewalls {

    static final int FIRST_PRIORITY = 100;

    /** The rules written and the ping rules left out. */
    record Applied(int written, List<String> leftOut) {
    }

    private final AzureScope scope;

    AzureFirewalls(AzureScope scope) {
        this.scope = scope;
    }

    Applied reconcile(String network, List<FirewallRule> rules) throws ProviderException {
        Optional<String> refused = AzureChecks.rules(rules);
        if (refused.isPresent()) {
            throw new ProviderException(AzureProvider.NAME + ": firewall of " + network + ": " + refused.get());
        }
        String nsg = AzureNetworks.securityGroup(network);
        NetworkSecurityGroup found = get(nsg);
        if (found == null) {
            throw new ProviderException(AzureProvider.NAME + ": network security group " + nsg + " of network "
                    + network + " is not there: build the network first");
        }
        scope.names().claim(found.tags(), AzureNetworks.NSG, nsg);
        List<NetworkSecurityRule> written = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (FirewallRule rule : rules) {
            if (rule.protocol() == FirewallRule.Protocol.ICMP) {
                leftOut.add(rule.name() + " (icmp from " + rule.source() + ")");
            } else {
                written.add(securityRule(rule, FIRST_PRIORITY + written.size()));
            }
        }
        put(scope, nsg, written, "writing " + written.size() + " rule(s) of network security group " + nsg);
        return new Applied(written.size(), leftOut);
    }

    /** Takes every rule of the plan's off the group; the group itself goes with its network. */
    void destroy(String network) throws ProviderException {
        String nsg = AzureNetworks.securityGroup(network);
        NetworkSecurityGroup found = get(nsg);
        if (found != null && scope.names().marks(found.tags(), AzureNetworks.NSG, nsg)) {
            put(scope, nsg, List.of(), "removing the rules of network security group " + nsg);
        }
    }

    /** Writes the group with exactly these rules, and waits for Azure to have applied them. */
    static void put(AzureScope scope, String nsg, List<NetworkSecurityRule> rules, String doing)
            throws ProviderException {
        NetworkSecurityGroupProperties properties = NetworkSecurityGroupProperties.builder().securityRules(rules)
                .build();
        scope.calls().create(doing, () -> scope.api().getNetworkSecurityGroupApi(scope.resourceGroup())
                .createOrUpdate(nsg, scope.location(), scope.names().tags(AzureNetworks.NSG, nsg), properties),
                () -> Optional.ofNullable(scope.api().getNetworkSecurityGroupApi(scope.resourceGroup()).get(nsg))
                        .map(g -> g.properties() == null ? "Succeeded" : g.properties().provisioningState())
                        .orElse(null));
    }

    private NetworkSecurityGroup get(String nsg) throws ProviderException {
        return scope.calls().call("looking for network security group " + nsg,
                () -> scope.api().getNetworkSecurityGroupApi(scope.resourceGroup()).get(nsg));
    }

    static NetworkSecurityRule securityRule(FirewallRule rule, int priority) {
        String ports = rule.portRange() == null ? "*" : rule.firstPort() == rule.lastPort()
                ? String.valueOf(rule.firstPort()) : rule.firstPort() + "-" + rule.lastPort();
        Protocol protocol = switch (rule.protocol()) {
            case TCP -> Protocol.Tcp;
            case UDP -> Protocol.Udp;
            default -> Protocol.All;
        };
        return NetworkSecurityRule.create(AzureNames.of(priority + "-" + rule.name()), null, null,
                NetworkSecurityRuleProperties.builder().description("plumbery rule " + rule.name())
                        .protocol(protocol).sourcePortRange("*").destinationPortRange(ports)
                        .sourceAddressPrefix(rule.source()).destinationAddressPrefix(rule.destination())
                        .access(Access.Allow).priority(priority).direction(Direction.Inbound).build());
    }
}
