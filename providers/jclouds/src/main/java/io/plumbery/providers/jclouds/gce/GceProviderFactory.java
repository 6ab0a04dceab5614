package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.NodeShape;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code provider: google-compute-engine}: GCE with its own network model; see {@link GceProvider}. */
public final class GceProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return GceProvider.NAME;
    }

    @Override
    public String description() {
        return "Google Compute Engine: a VPC network and subnetwork per network, firewall rules, static external "
                + "addresses (a service account's key as Google's tools find it)";
    }

    /** A subnetwork GCE cannot make is refused where the plan writes it. */
    @Override
    public Optional<String> publicAddressesRefused(String subnet) {
        return GceChecks.subnet(subnet);
    }

    /** What GCE cannot express of a node: sizes beyond the table, images without cloud-init, disks it cannot make. */
    @Override
    public List<Refusal> nodeRefused(NodeShape node, Map<String, String> settings) {
        return GceChecks.node(node.cpu(), node.memoryMb(), node.disksGb(), node.appliance(),
                settings.containsKey(GceSettings.MACHINE_TYPE), settings.containsKey(GceSettings.IMAGE));
    }

    /** The machine type and image family a node gets, as {@code plan} shows them. */
    @Override
    public Optional<String> nodeChoice(NodeShape node, Map<String, String> settings) {
        if (!nodeRefused(node, settings).isEmpty()) {
            return Optional.empty();
        }
        String type = Optional.ofNullable(settings.get(GceSettings.MACHINE_TYPE))
                .orElseGet(() -> MachineTypes.TABLE.smallestFitting(node.cpu(), node.memoryMb()).orElseThrow()
                        .describe());
        String image = Optional.ofNullable(settings.get(GceSettings.IMAGE)).orElseGet(() -> GceImages.TABLE
                .lookup(node.appliance() == null ? GceImages.DEFAULT : node.appliance()).orElseThrow().path());
        return Optional.of(type + ", " + image);
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return GceProvider.open(settings, System::getenv, Path.of(System.getProperty("user.home")));
    }
}
