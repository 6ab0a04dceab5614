package io.plumbery.providers.local;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/** {@code provider: local-netns}: the fast node kind for tests (sshd in a network namespace, no systemd). */
public final class LocalNetnsProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "local-netns";
    }

    @Override
    public String description() {
        return "fast test nodes on this Linux host: sshd in network namespaces, no systemd or cloud-init (needs root)";
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return LocalProvider.open(settings, Machine.NETNS);
    }

    /** Not declared offline: polish has always given these test nodes the default packages and NTP servers. */
    @Override
    public boolean nodesOffline() {
        return false;
    }
}
