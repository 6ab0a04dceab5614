package io.plumbery.providers.local;

import io.plumbery.providers.host.HostProviderFactory;

import java.util.Optional;

/** {@code provider: local}, found by {@link java.util.ServiceLoader}. */
public final class LocalProviderFactory extends HostProviderFactory {

    public LocalProviderFactory() {
        super("local", "nodes on this Linux host: systemd-nspawn containers on a bridge (needs root)",
                LocalProvider::open);
    }

    /** The host forwards nothing from the plan's bridges to the internet. */
    @Override
    public boolean nodesOffline() {
        return true;
    }

    /** Public addresses are loopback addresses of this host: never one it keeps for itself. */
    @Override
    public Optional<String> publicAddressesRefused(String subnet) {
        return PublicAddress.refused(subnet);
    }

    /** Balancers are this host's nftables: what it cannot do is refused ({@link LocalBalancers#refused}). */
    @Override
    public Optional<Refusal> balancersRefused(String algorithm, String protocol) {
        return LocalBalancers.refused(algorithm, protocol);
    }
}
