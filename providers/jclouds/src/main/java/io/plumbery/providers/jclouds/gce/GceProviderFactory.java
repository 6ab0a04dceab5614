package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
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

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return GceProvider.open(settings, System::getenv, Path.of(System.getProperty("user.home")));
    }
}
