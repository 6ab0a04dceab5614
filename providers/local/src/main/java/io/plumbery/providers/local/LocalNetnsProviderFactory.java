package io.plumbery.providers.local;

import io.plumbery.providers.host.HostProviderFactory;

import java.util.Optional;

/** {@code provider: local-netns}: the fast node kind for tests (sshd in a network namespace, no systemd). */
public final class LocalNetnsProviderFactory extends HostProviderFactory {

    public LocalNetnsProviderFactory() {
        super("local-netns", "fast test nodes on this Linux host: sshd in network namespaces, no systemd or "
                + "cloud-init (needs root)", settings -> LocalProvider.open(settings, Machine.NETNS));
    }

    /** Not declared offline: polish has always given these test nodes the default packages and NTP servers. */
    @Override
    public boolean nodesOffline() {
        return false;
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
