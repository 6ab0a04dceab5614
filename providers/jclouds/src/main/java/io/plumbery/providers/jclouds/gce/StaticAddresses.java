package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderException;

import java.util.List;
import java.util.Optional;

import org.jclouds.googlecomputeengine.domain.Address;
import org.jclouds.googlecomputeengine.domain.Instance;
import org.jclouds.googlecomputeengine.domain.Instance.NetworkInterface.AccessConfig;
import org.jclouds.googlecomputeengine.options.AddressCreationOptions;

/**
 * A node's public address as a static external address of the region: reserved once per plan address (named after
 * it), then set as the one access config of the instance's first interface; released when the plan lets it go. An
 * instance has at most one access config per interface: an ephemeral one it had is replaced.
 */
final class StaticAddresses {

    static final String KIND = "address";
    static final String NIC = "nic0";
    static final String ACCESS_CONFIG = "External NAT";

    private final GceScope scope;

    StaticAddresses(GceScope scope) {
        this.scope = scope;
    }

    /** The address of this name, reserved when missing, set on the instance; its IP. */
    String ensure(String planName, Instance instance) throws ProviderException {
        String name = GceNames.of(planName);
        Address address = find(name);
        if (address == null) {
            AddressCreationOptions options = new AddressCreationOptions.Builder(name)
                    .description(scope.names().description(KIND, name)).build();
            scope.calls().create("reserving external address " + name, () -> scope.api()
                    .addressesInRegion(scope.region()).create(options));
            address = find(name);
            if (address == null) {
                throw new ProviderException(GceProvider.NAME + ": external address " + name + " is not there after "
                        + "GCE reserved it", true, null);
            }
        }
        String ip = address.address();
        Optional<AccessConfig> current = accessConfig(instance);
        if (current.isPresent() && ip.equals(current.get().natIP())) {
            return ip;
        }
        if (current.isPresent()) {
            scope.calls().change("removing the ephemeral address of instance " + instance.name(), () -> scope.api()
                    .instancesInZone(scope.zone()).deleteAccessConfigFromNic(instance.name(), current.get().name(), NIC));
        }
        scope.calls().change("setting external address " + name + " (" + ip + ") on instance " + instance.name(),
                () -> scope.api().instancesInZone(scope.zone()).addAccessConfigToNic(instance.name(),
                        AccessConfig.create(ACCESS_CONFIG, AccessConfig.Type.ONE_TO_ONE_NAT, ip), NIC));
        return ip;
    }

    /**
     * Takes the address off the instance that has it (if that is the plan's node), then releases it; one that is gone,
     * or not the plan's, is left alone.
     */
    void release(String planName, Optional<Instance> node) throws ProviderException {
        String name = GceNames.of(planName);
        Address address = get(name);
        if (address == null || !scope.names().marks(address.description(), KIND, name)) {
            return;
        }
        Optional<AccessConfig> config = node.flatMap(StaticAddresses::accessConfig)
                .filter(c -> address.address().equals(c.natIP()));
        if (config.isPresent()) {
            scope.calls().change("taking external address " + name + " off instance " + node.get().name(),
                    () -> scope.api().instancesInZone(scope.zone()).deleteAccessConfigFromNic(node.get().name(),
                            config.get().name(), NIC));
        }
        scope.calls().delete("releasing external address " + name, () -> scope.api().addressesInRegion(scope.region())
                .delete(name));
    }

    private Address find(String name) throws ProviderException {
        Address address = get(name);
        if (address != null && !scope.names().marks(address.description(), KIND, name)) {
            throw GceNetworks.notOurs("external address " + name, address.description());
        }
        return address;
    }

    private Address get(String name) throws ProviderException {
        return scope.calls().read("looking for external address " + name, () -> scope.api()
                .addressesInRegion(scope.region()).get(name));
    }

    static Optional<AccessConfig> accessConfig(Instance instance) {
        List<Instance.NetworkInterface> nics = instance.networkInterfaces();
        if (nics == null || nics.isEmpty() || nics.get(0).accessConfigs() == null) {
            return Optional.empty();
        }
        return nics.get(0).accessConfigs().stream().findFirst();
    }
}
