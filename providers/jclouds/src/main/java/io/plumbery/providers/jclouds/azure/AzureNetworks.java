package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jclouds.azurecompute.arm.domain.AddressSpace;
import org.jclouds.azurecompute.arm.domain.NetworkSecurityGroup;
import org.jclouds.azurecompute.arm.domain.Resource;
import org.jclouds.azurecompute.arm.domain.ResourceGroup;
import org.jclouds.azurecompute.arm.domain.Subnet;
import org.jclouds.azurecompute.arm.domain.VirtualNetwork;
import org.jclouds.azurecompute.arm.features.SubnetApi;

/**
 * A plan's networks on Azure: the plan's resource group (made with its first network, deleted with its last), one
 * virtual network per plan domain whose address space grows by each subnet put in it, one subnet per ethernet, and
 * one network security group per ethernet, made empty with it (Azure's default rules then let in nothing from
 * outside the virtual network) and attached to every NIC of its nodes; its rules are the firewall's business
 * ({@link AzureFirewalls}). jclouds 2.7.0's subnet model has no security group field, so the group is attached to
 * the NICs rather than to the subnet.
 */
final class AzureNetworks {

    static final String GROUP = "resource-group";
    static final String VNET = "virtual-network";
    static final String NSG = "network-security-group";

    /** What a network is on Azure, by name. */
    record Parts(String virtualNetwork, String subnet, String subnetId, String securityGroup) {
    }

    private final AzureScope scope;
    private static final String NAME_OF_GROUP_KEPT = AzureProvider.NAME + ": resource group %s kept: it still "
            + "holds %d resource(s) (%s)";

    private final NameLocks locks = new NameLocks();
    private final Consumer<String> progress;

    AzureNetworks(AzureScope scope, Consumer<String> progress) {
        this.scope = scope;
        this.progress = progress;
    }

    static String securityGroup(String network) {
        return AzureNames.of(network + "-nsg");
    }

    Parts ensure(String network, String domain, String ethernet, String cidr) throws ProviderException {
        ensureGroup();
        String vnet = AzureNames.of(domain == null ? network : domain);
        String subnet = AzureNames.of(ethernet == null ? network : ethernet);
        String subnetId = locks.holding(vnet, () -> ensureSubnet(vnet, subnet, cidr));
        String nsg = securityGroup(network);
        ensureSecurityGroup(nsg);
        return new Parts(vnet, subnet, subnetId, nsg);
    }

    private void ensureGroup() throws ProviderException {
        String group = scope.resourceGroup();
        ResourceGroup found = scope.calls().call("looking for resource group " + group,
                () -> scope.api().getResourceGroupApi().get(group));
        if (found != null) {
            scope.names().claim(found.tags(), GROUP, group);
            return;
        }
        scope.calls().create("making resource group " + group + " in " + scope.location(),
                () -> scope.api().getResourceGroupApi().create(group, scope.location(), scope.names().tags(GROUP,
                        group)), () -> Optional.ofNullable(scope.api().getResourceGroupApi().get(group))
                        .map(g -> g.properties() == null ? "Succeeded" : g.properties().provisioningState()).orElse(null));
    }

    /** The subnet's id, the virtual network made or widened first when it needs to be. */
    private String ensureSubnet(String vnet, String subnet, String cidr) throws ProviderException {
        VirtualNetwork found = virtualNetwork(vnet);
        Subnet.SubnetProperties properties = Subnet.SubnetProperties.create(null, cidr, null);
        if (found == null) {
            scope.calls().create("making virtual network " + vnet + " (" + cidr + ")", () -> scope.api()
                    .getVirtualNetworkApi(scope.resourceGroup()).createOrUpdate(vnet, scope.location(),
                            scope.names().tags(VNET, vnet), VirtualNetwork.VirtualNetworkProperties.create(null, null,
                                    AddressSpace.create(List.of(cidr)), List.of(Subnet.create(subnet, null, null,
                                            properties)))), () -> state(virtualNetwork(vnet)));
        } else {
            scope.names().claim(found.tags(), VNET, vnet);
            List<String> prefixes = found.properties().addressSpace() == null ? List.of()
                    : found.properties().addressSpace().addressPrefixes();
            if (!prefixes.contains(cidr)) {
                List<String> wider = new ArrayList<>(prefixes);
                wider.add(cidr);
                // a PUT of a virtual network replaces its subnets: the ones it has go with it
                List<Subnet> subnets = found.properties().subnets() == null ? List.of() : found.properties().subnets();
                scope.calls().create("adding " + cidr + " to virtual network " + vnet, () -> scope.api()
                        .getVirtualNetworkApi(scope.resourceGroup()).createOrUpdate(vnet, scope.location(),
                                found.tags(), VirtualNetwork.VirtualNetworkProperties.create(null, null,
                                        AddressSpace.create(wider), subnets)), () -> state(virtualNetwork(vnet)));
            }
        }
        Subnet made = subnet(vnet, subnet);
        if (made == null) {
            scope.calls().create("making subnet " + subnet + " (" + cidr + ") in " + vnet,
                    () -> subnets(vnet).createOrUpdate(subnet, properties), () -> Optional.ofNullable(
                            subnets(vnet).get(subnet)).map(s -> s.properties().provisioningState()).orElse(null));
            made = subnet(vnet, subnet);
        } else if (!cidr.equals(made.properties().addressPrefix())) {
            throw new ProviderException(AzureProvider.NAME + ": subnet " + subnet + " of " + vnet + " is "
                    + made.properties().addressPrefix() + ", the plan says " + cidr + "; plumbery does not renumber "
                    + "a subnet: dispose the plan's network first");
        }
        return made == null || made.id() == null ? scope.id("Microsoft.Network/virtualNetworks/" + vnet + "/subnets/"
                + subnet) : made.id();
    }

    private void ensureSecurityGroup(String nsg) throws ProviderException {
        NetworkSecurityGroup found = securityGroupNamed(nsg);
        if (found != null) {
            scope.names().claim(found.tags(), NSG, nsg);
            return;
        }
        AzureFirewalls.put(scope, nsg, List.of(), "making network security group " + nsg);
    }

    /**
     * Removes the subnet and its security group, then the virtual network when no subnet is left in it, then the
     * resource group when nothing is left in it; what is gone already, or not the plan's, is left alone. A network
     * recorded only as intended (the build stopped before Azure answered) names no virtual network: the plan's one
     * holding a subnet of its CIDR is the one.
     */
    void destroy(String network, Optional<String> recordedVnet, Optional<String> recordedSubnet, String cidr)
            throws ProviderException {
        Optional<VirtualNetwork> found = (recordedVnet.isPresent()
                ? Optional.ofNullable(virtualNetwork(recordedVnet.get())) : holding(cidr))
                .filter(v -> scope.names().marks(v.tags(), VNET, v.name()));
        if (found.isPresent()) {
            String vnet = found.get().name();
            Optional<String> subnet = recordedSubnet.or(() -> Optional.ofNullable(found.get().properties().subnets())
                    .flatMap(all -> all.stream().filter(s -> cidr != null && cidr.equals(s.properties()
                            .addressPrefix())).map(Subnet::name).findFirst()));
            if (subnet.isPresent()) {
                scope.calls().deleteUntilGone("deleting subnet " + subnet.get() + " of " + vnet, () -> subnets(vnet)
                        .delete(subnet.get()), () -> subnets(vnet).get(subnet.get()) == null ? null : "there");
            }
        }
        String nsg = securityGroup(network);
        NetworkSecurityGroup group = securityGroupNamed(nsg);
        if (group != null && scope.names().marks(group.tags(), NSG, nsg)) {
            scope.calls().deleteAndWait("deleting network security group " + nsg, () -> scope.api()
                    .getNetworkSecurityGroupApi(scope.resourceGroup()).delete(nsg));
        }
        if (found.isPresent()) {
            String vnet = found.get().name();
            if (scope.calls().call("listing the subnets of " + vnet, () -> subnets(vnet).list()).isEmpty()) {
                scope.calls().deleteUntilGone("deleting virtual network " + vnet, () -> scope.api()
                        .getVirtualNetworkApi(scope.resourceGroup()).delete(vnet), () -> state(virtualNetwork(vnet)));
            }
        }
        destroyGroupIfEmpty();
    }

    private Optional<VirtualNetwork> holding(String cidr) throws ProviderException {
        List<VirtualNetwork> all = scope.calls().call("listing the virtual networks of " + scope.resourceGroup(),
                () -> scope.api().getVirtualNetworkApi(scope.resourceGroup()).list());
        return all == null ? Optional.empty() : all.stream().filter(v -> v.properties() != null
                && v.properties().subnets() != null && v.properties().subnets().stream()
                .anyMatch(s -> cidr != null && cidr.equals(s.properties().addressPrefix()))).findFirst();
    }

    private void destroyGroupIfEmpty() throws ProviderException {
        String group = scope.resourceGroup();
        ResourceGroup found = scope.calls().call("looking for resource group " + group,
                () -> scope.api().getResourceGroupApi().get(group));
        if (found == null || !scope.names().marks(found.tags(), GROUP, group)) {
            return;
        }
        List<Resource> left = scope.calls().call("listing what is left in resource group " + group,
                () -> scope.api().getResourceGroupApi().resources(group));
        if (left != null && !left.isEmpty()) {
            progress.accept(NAME_OF_GROUP_KEPT.formatted(group, left.size(), String.join(", ",
                    left.stream().map(Resource::name).toList())));
        } else {
            scope.calls().deleteAndWait("deleting resource group " + group,
                    () -> scope.api().getResourceGroupApi().delete(group));
        }
    }

    private VirtualNetwork virtualNetwork(String vnet) throws ProviderException {
        return scope.calls().call("looking for virtual network " + vnet,
                () -> scope.api().getVirtualNetworkApi(scope.resourceGroup()).get(vnet));
    }

    private NetworkSecurityGroup securityGroupNamed(String nsg) throws ProviderException {
        return scope.calls().call("looking for network security group " + nsg,
                () -> scope.api().getNetworkSecurityGroupApi(scope.resourceGroup()).get(nsg));
    }

    private Subnet subnet(String vnet, String subnet) throws ProviderException {
        return scope.calls().call("looking for subnet " + subnet + " of " + vnet, () -> subnets(vnet).get(subnet));
    }

    private SubnetApi subnets(String vnet) {
        return scope.api().getSubnetApi(scope.resourceGroup(), vnet);
    }

    private static String state(VirtualNetwork vnet) {
        return vnet == null ? null : vnet.properties() == null ? "Succeeded" : vnet.properties().provisioningState();
    }
}
