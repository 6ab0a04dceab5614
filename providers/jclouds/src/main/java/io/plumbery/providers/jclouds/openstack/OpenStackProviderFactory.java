package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.NodeShape;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code provider: openstack}: Nova and Neutron with OpenStack's own network model; see {@link OpenStackProvider}. */
public final class OpenStackProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return OpenStackProvider.NAME;
    }

    @Override
    public String description() {
        return "OpenStack: a Neutron network, subnet and router per network, security groups, floating IPs "
                + "(credentials from clouds.yaml or OS_* as OpenStack's tools find them)";
    }

    @Override
    public Optional<String> publicAddressesRefused(String subnet) {
        return OpenStackChecks.subnet(subnet);
    }

    @Override
    public List<Refusal> nodeRefused(NodeShape node, Map<String, String> settings) {
        return OpenStackChecks.node(node.disksGb(), node.appliance(), settings.containsKey(OpenStackSettings.IMAGE));
    }

    /** The flavor rule (or os.flavor) and the image names a node gets, as {@code plan} shows them. */
    @Override
    public Optional<String> nodeChoice(NodeShape node, Map<String, String> settings) {
        if (!nodeRefused(node, settings).isEmpty()) {
            return Optional.empty();
        }
        String flavor = Optional.ofNullable(settings.get(OpenStackSettings.FLAVOR)).map(f -> "flavor " + f)
                .orElseGet(() -> OpenStackFlavors.rule(node.cpu(), node.memoryMb()));
        String image = Optional.ofNullable(settings.get(OpenStackSettings.IMAGE)).map(i -> "image " + i)
                .orElseGet(() -> "the newest image named " + OpenStackImages.TABLE.lookup(node.appliance() == null
                        ? OpenStackImages.DEFAULT : node.appliance()).orElseThrow().patterns());
        return Optional.of(flavor + ", " + image);
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return OpenStackProvider.open(settings, System::getenv, Path.of(System.getProperty("user.home")),
                Path.of("").toAbsolutePath());
    }
}
