package io.plumbery.providers;

/**
 * Where plumbery builds things: one implementation per kind of target (the local host, a jclouds
 * cloud...). The engine calls these methods in dependency order and records every result in the
 * state file; a provider keeps no memory of its own between calls.
 *
 * <p>Rules every implementation follows:
 * <ul>
 *   <li>{@code ensure*} and {@code create*} are idempotent on the requested name: asked twice, they
 *       return the existing resource instead of making a second one. This is what lets a deploy
 *       that died half-way resume.</li>
 *   <li>{@code destroy*} accepts a record whose {@code id} is null (the engine recorded the intent
 *       before the provider answered) and then finds the resource by name; destroying what is
 *       already gone succeeds.</li>
 *   <li>Failures are {@link ProviderException}s with a message for people; nothing else escapes.</li>
 * </ul>
 */
public interface Provider extends AutoCloseable {

    /** The name plans use for this provider, e.g. {@code local} or {@code stub}. */
    String name();

    /** The network domain and ethernet subnet of one blueprint. */
    NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException;

    void destroyNetwork(NetworkRecord network) throws ProviderException;

    /** Replaces the whole set of inbound rules of one blueprint's network. */
    FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException;

    void destroyFirewall(FirewallRecord firewall) throws ProviderException;

    /** Creates a node and leaves it running with its user-data applied at first boot. */
    NodeRecord createNode(NodeRequest request) throws ProviderException;

    NodeRecord startNode(NodeRecord node) throws ProviderException;

    NodeRecord stopNode(NodeRecord node) throws ProviderException;

    void destroyNode(NodeRecord node) throws ProviderException;

    /** What the provider sees now: status and addresses; {@link NodeStatus#GONE} if it has no such node. */
    NodeRecord refreshNode(NodeRecord node) throws ProviderException;

    /** A public address for a node, reachable from outside on exactly the given ports. */
    PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException;

    void releasePublicAddress(PublicAddressRecord address) throws ProviderException;

    /**
     * A load balancer in front of nodes that exist already; only asked of providers whose factory does not refuse
     * the plan's balancers ({@link ProviderFactory#balancersRefused}).
     */
    default BalancerRecord ensureBalancer(BalancerRequest request) throws ProviderException {
        throw new ProviderException("provider " + name() + " builds no load balancers (balancer " + request.name() + ")");
    }

    /** Removes a balancer; a provider that builds none has none to remove. */
    default void destroyBalancer(BalancerRecord balancer) throws ProviderException {
    }

    @Override
    void close() throws ProviderException;
}
