package io.plumbery.providers.jclouds;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

/**
 * {@code provider: stub}: jclouds' in-memory cloud. Its nodes live in static maps of the JVM, keyed by identity
 * (option {@code jclouds.identity}, default {@code plumbery}): every provider opened in the same JVM with the same
 * identity sees the same nodes; a new JVM starts empty.
 */
public final class StubProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public String description() {
        return "jclouds' in-memory stub cloud: no network traffic, state lives only as long as the JVM";
    }

    /** Attached by name at node creation (jclouds' portable template option {@code networks}). */
    @Override
    public boolean existingNetworks() {
        return true;
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return JcloudsProvider.open(name(), "stub", settings, System::getenv);
    }
}
