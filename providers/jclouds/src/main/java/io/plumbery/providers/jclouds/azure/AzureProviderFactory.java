package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.NodeShape;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code provider: azure}: Azure Resource Manager with its own network model; see {@link AzureProvider}. */
public final class AzureProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return AzureProvider.NAME;
    }

    @Override
    public String description() {
        return "Microsoft Azure: a resource group per plan, a virtual network per domain, a subnet and network "
                + "security group per ethernet, static public IPs (a service principal from AZURE_CLIENT_ID...)";
    }

    /** A subnet Azure cannot make is refused where the plan writes it. */
    @Override
    public Optional<String> publicAddressesRefused(String subnet) {
        return AzureChecks.subnet(subnet);
    }

    /** What Azure cannot express of a node: sizes beyond the table, appliances without an image, disks it cannot make. */
    @Override
    public List<Refusal> nodeRefused(NodeShape node, Map<String, String> settings) {
        return AzureChecks.node(node.cpu(), node.memoryMb(), node.disksGb(), node.appliance(),
                settings.containsKey(AzureSettings.VM_SIZE), settings.containsKey(AzureSettings.IMAGE));
    }

    /** The VM size and image a node gets, as {@code plan} shows them. */
    @Override
    public Optional<String> nodeChoice(NodeShape node, Map<String, String> settings) {
        if (!nodeRefused(node, settings).isEmpty()) {
            return Optional.empty();
        }
        String size = Optional.ofNullable(settings.get(AzureSettings.VM_SIZE)).orElseGet(() -> VmSizes.TABLE
                .smallestFitting(node.cpu(), node.memoryMb()).orElseThrow().describe());
        String image = Optional.ofNullable(settings.get(AzureSettings.IMAGE)).orElseGet(() -> AzureImages.TABLE
                .lookup(node.appliance() == null ? AzureImages.DEFAULT : node.appliance()).orElseThrow().urn());
        return Optional.of(size + ", " + image);
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return AzureProvider.open(settings, System::getenv);
    }
}
