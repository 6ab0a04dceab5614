package io.plumbery.providers;

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
     * Whether nodes can install Debian's packages ({@code packages:} in a plan, {@code apt-get install}): nodes
     * that reach the internet can, and offline nodes can when their provider serves the packages through a
     * proxy of its own.
     */
    default boolean packagesReachable() {
        return !nodesOffline();
    }

    Provider open(ProviderSettings settings) throws ProviderException;
}
