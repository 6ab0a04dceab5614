package io.plumbery.engine;

import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.Providers;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.nio.file.Path;

/**
 * Everything one action on one plan works with: its locked state, its keys and secrets, its providers.
 * Closing it closes the providers and releases the lock.
 */
public final class Session implements AutoCloseable {

    private final Plan plan;
    private final Workspace workspace;
    private final StateStore store;
    private final SshIdentity identity;
    private final ProviderPool providers;
    private final Secrets secrets;
    private final KnownHosts knownHosts;
    /** deploy --force: agents that no master answers for are destroyed without draining */
    private boolean forceWithoutDrain;

    private Session(Plan plan, Workspace workspace, StateStore store, SshIdentity identity) {
        this.plan = plan;
        this.workspace = workspace;
        this.store = store;
        this.identity = identity;
        this.providers = new ProviderPool(Providers.discover(), plan, workspace.dir(), identity);
        this.secrets = Secrets.in(workspace.dir());
        this.knownHosts = new KnownHosts(workspace.dir().resolve("known_hosts"));
    }

    public static Session open(Plan plan, Path stateDir) throws StateException {
        Workspace workspace = Workspace.of(plan, stateDir);
        StateStore store = StateStore.open(workspace.stateFile(), plan.name());
        try {
            return new Session(plan, workspace, store, SshKeys.ensure(workspace.dir()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Plan plan() {
        return plan;
    }

    public Workspace workspace() {
        return workspace;
    }

    public StateStore store() {
        return store;
    }

    public SshIdentity identity() {
        return identity;
    }

    public ProviderPool providers() {
        return providers;
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Host keys of the plan's nodes, pinned when a provider reports them and forgotten with the node. */
    public KnownHosts knownHosts() {
        return knownHosts;
    }

    public boolean forceWithoutDrain() {
        return forceWithoutDrain;
    }

    /** What {@code deploy --force} asks: destroy agents the plan dropped even when no master can drain them. */
    public Session forcingWithoutDrain(boolean force) {
        this.forceWithoutDrain = force;
        return this;
    }

    @Override
    public void close() {
        providers.close();
        store.close();
    }
}
