package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @RegisterExtension static final Purge PURGE = new Purge();} in an integration test: the provider it
 * opens ({@link #clean}) starts without what a crashed earlier run left, and leaves nothing after its tests.
 */
public final class Purge implements AfterAllCallback {

    private HostProvider provider;

    /** Purges the provider's plan now, and again after all tests of the class; the provider. */
    public <P extends HostProvider> P clean(P provider) throws ProviderException {
        this.provider = provider;
        provider.purge();
        return provider;
    }

    @Override
    public void afterAll(ExtensionContext context) throws ProviderException {
        if (provider != null) {
            provider.purge();
        }
    }
}
