package io.plumbery.providers.vagrant;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/** {@code provider: vagrant}, found by {@link java.util.ServiceLoader}. */
public final class VagrantProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "vagrant";
    }

    @Override
    public String description() {
        return "nodes as Vagrant machines of Vagrant's docker provider on this host (needs root, vagrant, docker)";
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return VagrantProvider.open(settings);
    }

    /** Each network of the plan is an internal Docker network: nothing leaves it for the internet. */
    @Override
    public boolean nodesOffline() {
        return true;
    }
}
