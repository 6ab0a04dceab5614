package io.plumbery.providers.jclouds.azure;

import org.jclouds.azurecompute.arm.config.AzureComputeHttpApiModule;
import org.jclouds.azurecompute.arm.config.Tenant;
import org.jclouds.rest.ConfiguresHttpApi;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;

/**
 * jclouds' own Azure module, with the tenant given rather than parsed: jclouds reads it out of the token endpoint's
 * URL and accepts {@code https://login.microsoftonline.com/TENANT/oauth2/token} only, so that another Entra ID
 * endpoint ({@code azure.oauth-endpoint}: a sovereign cloud's, a test's server) would stop it before any call. Being
 * the {@link ConfiguresHttpApi} module, it takes the place of jclouds' default one.
 */
@ConfiguresHttpApi
final class TenantModule extends AbstractModule {

    private final String tenant;

    TenantModule(String tenant) {
        this.tenant = tenant;
    }

    @Override
    protected void configure() {
        install(Modules.override(new AzureComputeHttpApiModule()).with(new AbstractModule() {
            @Provides
            @Singleton
            @Tenant
            String tenant() {
                return tenant;
            }
        }));
    }
}
