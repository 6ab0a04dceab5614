package io.plumbery.providers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Found through {@link java.util.ServiceLoader}: a module that ships a provider lists its factory in
 * {@code META-INF/services/io.plumbery.providers.ProviderFactory}.
 */
public interface ProviderFactory {

    /** The name a facility gives in {@code provider:}. */
    String name();

    /** One line for {@code plumbery --help} and error messages. */
    String description();

    /**
     * Whether this provider's nodes have no way to the internet, so that everything they run comes with their
     * image or is uploaded: the bootstrap then sets no NTP servers, and installs packages only where
     * {@link #packagesReachable()} says they can be had.
     */
    default boolean nodesOffline() {
        return false;
    }

    /**
     * Whether its nodes can join a network that it already has and that the plan only names (an ethernet with no
     * subnet that no blueprint declares). The engine then asks {@link Provider#ensureNetwork} for it with no subnet,
     * and never destroys it. A plan with such a network on a provider that cannot is refused before anything is done.
     */
    default boolean existingNetworks() {
        return false;
    }

    /**
     * Whether it attaches the further network interfaces a node's glue asks for ({@link NodeRequest#nics()}), each
     * with the card type the plan gives ({@code vmxnet3}, {@code e1000}...). None of the providers here does yet:
     * {@code information} says so for every node that asks.
     */
    default boolean furtherInterfaces() {
        return false;
    }

    /**
     * Whether nodes can install Debian's packages ({@code packages:} in a plan, {@code apt-get install}): nodes
     * that reach the internet can, and offline nodes can when their provider serves the packages through a
     * proxy of its own.
     */
    default boolean packagesReachable() {
        return !nodesOffline();
    }

    /**
     * Why the nodes of a network with {@code subnet} (CIDR) cannot have public addresses at this provider, if they
     * cannot: a provider that derives public addresses from private ones refuses a subnet whose addresses would
     * take one that this host keeps for itself. Asked before anything is done, for each network of the plan whose
     * nodes have public addresses; the plan is then refused where it writes the network.
     */
    default Optional<String> publicAddressesRefused(String subnet) {
        return Optional.empty();
    }

    /**
     * Why this provider, with a facility's {@code settings}, cannot enforce the plan's firewalls (a network's
     * {@code accept} and its nodes' {@code glue}, and that nothing else gets in), if it cannot: its nodes would be
     * open to whatever reaches them. Asked before anything is done, for each facility with a network; the plan is
     * then refused where it writes the network.
     */
    default Optional<String> firewallsRefused(Map<String, String> settings) {
        return Optional.empty();
    }

    /**
     * Why this provider cannot build a balancer with these settings, if it cannot, naming the plan key at fault:
     * {@code algorithm} (the pool's, as the plan writes it) or {@code protocol} ({@code http}, {@code tcp},
     * {@code udp}...), or neither when it builds no balancers at all. Asked before anything is done, for every
     * balancer of the plan; the plan is then refused where it writes that key.
     */
    default Optional<Refusal> balancersRefused(String algorithm, String protocol) {
        return Optional.of(new Refusal(null, "it builds no load balancers"));
    }

    /**
     * Why this provider cannot build a node of this shape, one refusal per plan key at fault ({@code cpu},
     * {@code memory}, {@code appliance}, {@code disks}), with the facility's {@code settings} (its
     * {@code providerSettings}, which may pick a size or an image of their own). Asked before anything is done, for
     * every node of the plan; the plan is then refused where it writes the node.
     */
    default List<Refusal> nodeRefused(NodeShape node, Map<String, String> settings) {
        return List.of();
    }

    /**
     * What this provider would build for a node of this shape (its size and image, {@code e2-medium (2 vCPU, 4 GiB),
     * image family ubuntu-2204-lts}), for {@code plan} to show; empty when it does not say before it builds.
     */
    default Optional<String> nodeChoice(NodeShape node, Map<String, String> settings) {
        return Optional.empty();
    }

    /**
     * @param key the plan key whose value the provider cannot do ({@code algorithm}, {@code protocol} of a balancer;
     *            {@code cpu}, {@code memory}, {@code appliance}, {@code disks} of a node), or null when it is the
     *            balancer as such
     */
    record Refusal(String key, String why) {
    }

    Provider open(ProviderSettings settings) throws ProviderException;
}
