package io.plumbery.providers.local;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/** {@code provider: local}, found by {@link java.util.ServiceLoader}. */
public final class LocalProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "nodes on this Linux host: systemd-nspawn containers on a bridge (needs root)";
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return LocalProvider.open(settings);
    }

    /** The host forwards nothing from the plan's bridges to the internet. */
    @Override
    public boolean nodesOffline() {
        return true;
    }
}
