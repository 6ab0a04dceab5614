package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jclouds.azurecompute.arm.domain.IdReference;
import org.jclouds.azurecompute.arm.domain.IpConfiguration;
import org.jclouds.azurecompute.arm.domain.IpConfigurationProperties;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCard;
import org.jclouds.azurecompute.arm.domain.publicipaddress.PublicIPAddress;
import org.jclouds.azurecompute.arm.domain.publicipaddress.PublicIPAddressProperties;
import org.jclouds.azurecompute.arm.features.PublicIPAddressApi;

/**
 * A node's public address as a static Standard public IP address, set on the first IP configuration of the node's
 * NIC. A Standard address lets in nothing its NIC's security group does not allow, so the node is reachable only on
 * the ports of the network's firewall. Released by taking it off the NIC, then deleting it.
 */
final class PublicAddresses {

    static final String KIND = "public-ip";

    private final AzureScope scope;
    private final AzureNodes nodes;

    PublicAddresses(AzureScope scope, AzureNodes nodes) {
        this.scope = scope;
        this.nodes = nodes;
    }

    /** The address of this name, made when missing, set on the node's NIC; its IP. */
    String ensure(String planName, String node) throws ProviderException {
        String name = AzureNames.of(planName);
        PublicIPAddress address = get(name);
        if (address == null) {
            PublicIPAddressProperties properties = PublicIPAddressProperties.builder()
                    .publicIPAllocationMethod("Static").idleTimeoutInMinutes(4).build();
            scope.calls().create("making public IP address " + name, () -> api().createOrUpdate(name,
                    scope.location(), scope.names().tags(KIND, planName), PublicIPAddress.SKU.create(
                            PublicIPAddress.SKU.SKUName.Standard), properties), () -> Optional.ofNullable(api()
                    .get(name)).map(a -> a.properties().provisioningState()).orElse(null));
            address = get(name);
            if (address == null) {
                throw new ProviderException(AzureProvider.NAME + ": public IP address " + name + " is not there "
                        + "after Azure made it", true, null);
            }
        }
        scope.names().claim(address.tags(), KIND, planName);
        String id = address.id();
        NetworkInterfaceCard nic = nic(node);
        if (!id.equalsIgnoreCase(publicId(nic).orElse(""))) {
            attach(nic, IdReference.create(id), "setting public IP address " + name + " on node " + node);
        }
        return address.properties().ipAddress();
    }

    /** Takes the address off the node's NIC when it is there, then deletes it; one gone, or not the plan's, is left. */
    void release(String planName, String node) throws ProviderException {
        String name = AzureNames.of(planName);
        PublicIPAddress address = get(name);
        if (address == null || !scope.names().marks(address.tags(), KIND, planName)) {
            return;
        }
        NetworkInterfaceCard nic = node == null ? null : nodes.nic(AzureNodes.nicName(node));
        if (nic != null && address.id().equalsIgnoreCase(publicId(nic).orElse(""))) {
            attach(nic, null, "taking public IP address " + name + " off node " + node);
        }
        scope.calls().deleteUntilGone("deleting public IP address " + name, () -> api().delete(name),
                () -> api().get(name) == null ? null : "there");
    }

    /** The public IP of an address, null when it is not there. */
    String ip(String planName) throws ProviderException {
        PublicIPAddress address = get(AzureNames.of(planName));
        return address == null ? null : address.properties().ipAddress();
    }

    private void attach(NetworkInterfaceCard nic, IdReference address, String doing) throws ProviderException {
        IpConfiguration first = nic.properties().ipConfigurations().get(0);
        IpConfigurationProperties was = first.properties();
        IpConfigurationProperties now = IpConfigurationProperties.builder()
                .privateIPAllocationMethod(was.privateIPAllocationMethod()).privateIPAddress(was.privateIPAddress())
                .subnet(was.subnet()).primary(was.primary()).publicIPAddress(address).build();
        List<IpConfiguration> configurations = new ArrayList<>(nic.properties().ipConfigurations());
        configurations.set(0, IpConfiguration.create(first.name(), null, null, now));
        String name = nic.name();
        scope.calls().create(doing, () -> scope.api().getNetworkInterfaceCardApi(scope.resourceGroup())
                .createOrUpdate(name, scope.location(), nic.properties().toBuilder().ipConfigurations(configurations)
                        .provisioningState(null).build(), nic.tags()), () -> Optional.ofNullable(nodes.nic(name))
                .map(n -> n.properties().provisioningState()).orElse(null));
    }

    private NetworkInterfaceCard nic(String node) throws ProviderException {
        NetworkInterfaceCard nic = nodes.nic(AzureNodes.nicName(node));
        if (nic == null) {
            throw new ProviderException(AzureProvider.NAME + ": node " + node + " has no network interface "
                    + AzureNodes.nicName(node));
        }
        return nic;
    }

    /** The id of the public address on a NIC's first IP configuration. */
    static Optional<String> publicId(NetworkInterfaceCard nic) {
        if (nic == null || nic.properties() == null || nic.properties().ipConfigurations() == null
                || nic.properties().ipConfigurations().isEmpty()) {
            return Optional.empty();
        }
        IdReference address = nic.properties().ipConfigurations().get(0).properties().publicIPAddress();
        return address == null ? Optional.empty() : Optional.ofNullable(address.id());
    }

    private PublicIPAddress get(String name) throws ProviderException {
        return scope.calls().call("looking for public IP address " + name, () -> api().get(name));
    }

    private PublicIPAddressApi api() {
        return scope.api().getPublicIPAddressApi(scope.resourceGroup());
    }
}
