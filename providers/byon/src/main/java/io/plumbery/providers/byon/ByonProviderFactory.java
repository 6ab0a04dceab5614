package io.plumbery.providers.byon;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/** {@code provider: byon}, found by {@link java.util.ServiceLoader}. */
public final class ByonProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "byon";
    }

    @Override
    public String description() {
        return "machines that exist already (bare metal, VMs, Vagrant boxes), listed in providerSettings 'hosts' "
                + "or 'sshConfig'; prepared over SSH, never created or deleted";
    }

    /** The machines are on whatever networks they are on: a plan names them, nothing is made. */
    @Override
    public boolean existingNetworks() {
        return true;
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return ByonProvider.open(settings);
    }
}
