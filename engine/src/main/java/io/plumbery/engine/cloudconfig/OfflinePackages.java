package io.plumbery.engine.cloudconfig;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;

import java.util.Optional;

/**
 * Packages cannot be installed on nodes that have no way to the internet (a provider that declares its nodes
 * offline): apt would only time out. Until such providers offer a package proxy, a node whose cloud-config has
 * {@code packages:} there is refused, by name, before anything is applied. Remove this check with the proxy.
 */
public final class OfflinePackages {

    private OfflinePackages() {
    }

    /**
     * Why {@code node}'s document cannot be applied, or empty when it can.
     *
     * @param offline whether {@code provider} declares its nodes offline
     */
    public static Optional<String> refusal(String node, String provider, boolean offline, CloudConfigDocument document) {
        if (!offline || document.packages().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the cloud-config of " + node + " installs packages (" + String.join(", ",
                document.packages()) + "), but nodes of provider " + provider + " have no way to the internet and no"
                + " package proxy yet: remove 'packages:' for this provider, or put what it needs in the image");
    }
}
