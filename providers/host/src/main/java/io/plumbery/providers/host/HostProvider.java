package io.plumbery.providers.host;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.nio.file.Path;

/**
 * A provider that builds on this host: the network half of the SPI (networks, firewalls, public addresses)
 * goes whole to its {@link NetworkSide}; nodes are the subclass's.
 */
public abstract class HostProvider implements Provider {

    /** A plan's networks, firewalls and public addresses, as the SPI asks for them. */
    public interface NetworkSide {
        NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException;

        void destroyNetwork(NetworkRecord network) throws ProviderException;

        FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException;

        void destroyFirewall(FirewallRecord firewall) throws ProviderException;

        PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException;

        void releasePublicAddress(PublicAddressRecord address) throws ProviderException;
    }

    /** The plan's network side. */
    protected abstract NetworkSide networks();

    /** The directory that holds one node's records: the key of its lock. */
    protected abstract Path nodeDir(String node);

    /** Creates a node whose name has been checked, holding its lock; {@code userData} is the request's, checked. */
    protected abstract NodeRecord create(NodeRequest request, String userData) throws ProviderException;

    @Override
    public final NodeRecord createNode(NodeRequest request) throws ProviderException {
        Requests.checkNodeName(request.name());
        String userData = CloudInit.userData(request);
        return withNode(request.name(), () -> create(request, userData));
    }

    /** Runs {@code action} holding the node's lock: one action at a time per node. */
    protected final <T> T withNode(String node, NodeLocks.Action<T> action) throws ProviderException {
        return NodeLocks.with(nodeDir(node), action);
    }

    /**
     * Removes everything of this plan from the host, whatever the records say: what a crash left behind, or
     * what a test made.
     */
    public abstract void purge() throws ProviderException;

    /** Only networks it makes: a bridge of this host is the only way its nodes have to each other. */
    @Override
    public final NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        if (request.existing()) {
            throw new ProviderException("network " + request.name() + ": provider " + name() + " puts nodes only on"
                    + " networks it makes; give the ethernet a subnet");
        }
        return networks().ensureNetwork(request);
    }

    @Override
    public final void destroyNetwork(NetworkRecord network) throws ProviderException {
        networks().destroyNetwork(network);
    }

    @Override
    public final FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        return networks().ensureFirewall(request);
    }

    @Override
    public final void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        networks().destroyFirewall(firewall);
    }

    @Override
    public final PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        return networks().ensurePublicAddress(request);
    }

    @Override
    public final void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        networks().releasePublicAddress(address);
    }
}
