package io.plumbery.providers.jclouds;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.util.Map;
import java.util.Optional;

/**
 * {@code provider: jclouds}: any jclouds compute provider or api, named by option {@code jclouds.provider}
 * ({@code aws-ec2}, {@code google-compute-engine}, {@code azurecompute-arm}, {@code digitalocean2},
 * {@code openstack-nova}...). See {@link JcloudsOptions} for credentials and the other keys.
 */
public final class JcloudsProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "jclouds";
    }

    @Override
    public String description() {
        return "any Apache jclouds compute cloud, chosen by option jclouds.provider (aws-ec2, "
                + "google-compute-engine, azurecompute-arm, digitalocean2, openstack-nova...)";
    }

    /** Attached by name at node creation (jclouds' portable template option {@code networks}). */
    @Override
    public boolean existingNetworks() {
        return true;
    }

    /** Only where the cloud has security groups and nodes join them (see {@link FirewallSupport}). */
    @Override
    public Optional<String> firewallsRefused(Map<String, String> settings) {
        return FirewallSupport.refused(settings);
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return JcloudsProvider.open(name(), null, settings, System::getenv);
    }
}
