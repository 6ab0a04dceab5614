package io.plumbery.providers.host;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/** The {@link ProviderFactory} of a provider of this host: its name, one line about it, and how it opens. */
public abstract class HostProviderFactory implements ProviderFactory {

    public interface Opener {
        Provider open(ProviderSettings settings) throws ProviderException;
    }

    private final String name;
    private final String description;
    private final Opener opener;

    protected HostProviderFactory(String name, String description, Opener opener) {
        this.name = name;
        this.description = description;
        this.opener = opener;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /**
     * Nodes on this host get Debian's packages through the host's package proxy ({@link PackageProxy}), offline
     * or not.
     */
    @Override
    public final boolean packagesReachable() {
        return true;
    }

    @Override
    public final Provider open(ProviderSettings settings) throws ProviderException {
        return opener.open(settings);
    }
}
