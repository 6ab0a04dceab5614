package io.plumbery.providers.vagrant;

import io.plumbery.providers.host.HostProviderFactory;

/** {@code provider: vagrant}, found by {@link java.util.ServiceLoader}. */
public final class VagrantProviderFactory extends HostProviderFactory {

    public VagrantProviderFactory() {
        super("vagrant", "nodes as Vagrant machines of Vagrant's docker provider on this host (needs root, vagrant, "
                + "docker)", VagrantProvider::open);
    }

    /** Each network of the plan is an internal Docker network: nothing leaves it for the internet. */
    @Override
    public boolean nodesOffline() {
        return true;
    }
}
