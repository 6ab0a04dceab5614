package io.plumbery.engine;

import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.Providers;
import io.plumbery.node.ssh.SshIdentity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens each (provider, facility) pair once, on first use, and closes them all at the end of an action.
 * Records in the state name their provider and facility, so resources can be removed even after the
 * plan stopped mentioning them.
 */
public final class ProviderPool implements AutoCloseable {

    private final Providers providers;
    private final String plan;
    private final Path workDir;
    private final Path planDir;
    private final SshIdentity identity;
    private final Map<String, Facility> facilities = new LinkedHashMap<>();
    private final Map<String, Provider> open = new LinkedHashMap<>();

    public ProviderPool(Providers providers, Plan plan, Path workDir, SshIdentity identity) {
        this.providers = providers;
        this.plan = plan.name();
        this.workDir = workDir;
        this.planDir = plan.source() == null ? null : plan.source().toAbsolutePath().normalize().getParent();
        this.identity = identity;
        plan.facilities().forEach(f -> facilities.put(f.name(), f));
    }

    public synchronized Provider get(String provider, String facility) throws ProviderException {
        String key = provider + "@" + facility;
        Provider opened = open.get(key);
        if (opened == null) {
            Facility f = facilities.get(facility);
            Map<String, String> options = f == null ? Map.of() : f.settings();
            opened = providers.open(provider, new ProviderSettings(plan, workDir, identity, options, planDir));
            open.put(key, opened);
        }
        return opened;
    }

    /**
     * Whether the named provider's nodes are machines that existed before the plan and stay their owner's (bring
     * your own nodes): the bootstrap then leaves their sshd settings alone, since the provider itself logs in with
     * the machines' own account. By name, as the provider SPI does not say it (yet).
     */
    public boolean existingMachines(String provider) {
        return "byon".equals(provider);
    }

    /** Whether the named provider declares its nodes offline; a provider that is not on the class path does not. */
    public boolean nodesOffline(String provider) {
        ProviderFactory factory = providers.all().get(provider);
        return factory != null && factory.nodesOffline();
    }

    /** Whether the named provider's nodes can install Debian's packages (online, or through its package proxy). */
    public boolean packagesReachable(String provider) {
        ProviderFactory factory = providers.all().get(provider);
        return factory == null || factory.packagesReachable();
    }

    @Override
    public synchronized void close() {
        for (Provider p : open.values()) {
            try {
                p.close();
            } catch (ProviderException | RuntimeException ignored) {
                // closing is best effort: the state already holds everything that matters
            }
        }
        open.clear();
    }
}
