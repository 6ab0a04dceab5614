package io.plumbery.engine.cloudconfig;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;

import java.util.Optional;

/**
 * Packages cannot be installed on nodes that reach neither the internet nor a package proxy of their provider
 * ({@code ProviderFactory.packagesReachable()}): apt would only time out. A node whose cloud-config has
 * {@code packages:} there is refused, by name, before anything is applied.
 */
public final class OfflinePackages {

    private OfflinePackages() {
    }

    /**
     * Why {@code node}'s document cannot be applied, or empty when it can.
     *
     * @param reachable whether {@code provider}'s nodes can install Debian's packages
     */
    public static Optional<String> refusal(String node, String provider, boolean reachable,
                                           CloudConfigDocument document) {
        if (reachable || document.packages().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the cloud-config of " + node + " installs packages (" + String.join(", ",
                document.packages()) + "), but nodes of provider " + provider + " reach neither the internet nor"
                + " a package proxy: remove 'packages:' for this provider, or put what it needs in the image");
    }
}
