package io.plumbery.engine;

import io.plumbery.bootstrap.render.FirstBoot;
import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.BalancerRequest;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.state.Placed;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out a deploy plan: networks, then nodes (in parallel) with their public addresses, then the
 * balancers in front of them, then firewalls, then removal of what the plan no longer has. Every resource is recorded as intended
 * before the provider is asked, and as built once it answers, so a run killed at any point leaves a
 * state that the next run completes and that dispose can clean.
 */
public final class Applier {

    private final Session session;
    private final Plan plan;
    private final StateStore store;
    private final ProviderPool providers;
    private final SshIdentity identity;
    private final Progress progress;
    private final int parallel;
    private final List<Outcome.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();

    public Applier(Session session, Progress progress, int parallel) {
        this.session = session;
        this.plan = session.plan();
        this.store = session.store();
        this.providers = session.providers();
        this.identity = session.identity();
        this.progress = progress;
        this.parallel = parallel;
    }

    public Outcome apply(List<Planned> changes) {
        List<Planned> pending = changes.stream().filter(p -> {
            if (p.change().action() == Action.NO_OP) {
                unchanged.incrementAndGet();
                return false;
            }
            return true;
        }).toList();
        // agents leave first, drained while the cluster and its firewalls are still as they were
        failures.addAll(AgentDrains.drainAll(session, of(pending, Target.Drain.class).stream()
                .map(p -> p.change().address()).toList(), progress, session.forceWithoutDrain()));
        if (failures.isEmpty()) {
            run(pending, Target.Network.class, 1);
        }
        if (failures.isEmpty()) {
            List<Planned> machines = new ArrayList<>(of(pending, Target.Machine.class));
            // a node that exists but lacks its public address still needs that address
            of(pending, Target.PublicAddress.class).stream()
                    .filter(p -> machines.stream().noneMatch(m -> ((Target.Machine) m.target()).node()
                            .equals(((Target.PublicAddress) p.target()).node())))
                    .forEach(machines::add);
            Parallel.forEach(machines, parallel, this::execute);
        }
        if (failures.isEmpty()) {
            run(pending, Target.Balancer.class, 1);
        }
        if (failures.isEmpty()) {
            run(pending, Target.Firewall.class, 1);
            List<String> orphans = of(pending, Target.Orphan.class).stream().map(p -> p.change().address()).toList();
            Outcome removed = new Destroyer(session, progress, parallel).destroy(orphans);
            changed.addAndGet(removed.changed());
            failures.addAll(removed.failures());
        }
        return new Outcome(changed.get(), unchanged.get(), failures);
    }

    private static List<Planned> of(List<Planned> changes, Class<? extends Target> kind) {
        return changes.stream().filter(p -> kind.isInstance(p.target())).toList();
    }

    private void run(List<Planned> changes, Class<? extends Target> kind, int limit) {
        Parallel.forEach(of(changes, kind), limit, this::execute);
    }

    private void execute(Planned planned) {
        String address = planned.change().address();
        try {
            Target target = planned.target();
            if (target instanceof Target.Network t) {
                network(address, t.facility(), t.blueprint());
            } else if (target instanceof Target.Machine t) {
                if (planned.change().action() == Action.REPLACE) {
                    replace(address, t.node(), planned.change().reason());
                }
                node(address, t.facility(), t.node());
                if (t.node().hasPublicAddress()) {
                    publicAddress(Addresses.publicAddress(t.node()), t.facility(), t.node());
                }
            } else if (target instanceof Target.PublicAddress t) {
                publicAddress(address, t.facility(), t.node());
            } else if (target instanceof Target.Balancer t) {
                balancer(address, t.facility(), t.blueprint(), t.balancer());
            } else if (target instanceof Target.Firewall t) {
                firewall(address, t.facility(), t.blueprint());
            }
        } catch (ProviderException | StateException e) {
            progress.failed(address, "apply", e.getMessage());
            failures.add(new Outcome.Failure(address, e.getMessage()));
        }
    }

    /** Destroys the node (and its public address) that the plan now wants built differently, before building it. */
    private void replace(String address, Node node, String why) throws ProviderException {
        progress.started(address, "replacing node (" + why.replaceFirst("^must be replaced: ", "") + ")");
        List<String> old = new ArrayList<>();
        if (store.current().publicAddresses().containsKey(Addresses.publicAddress(node))) {
            old.add(Addresses.publicAddress(node));
        }
        old.add(address);
        Outcome removed = new Destroyer(session, progress, 1).destroy(old);
        if (!removed.failures().isEmpty()) {
            throw new ProviderException("could not remove the node to replace: " + removed.failures().get(0).reason());
        }
    }

    private Provider provider(Facility facility) throws ProviderException {
        return providers.get(facility.provider(), facility.name());
    }

    /** Makes the network that {@code blueprint} declares, or finds the provider's own that it names. */
    private void network(String address, Facility facility, Blueprint blueprint)
            throws ProviderException, StateException {
        Ethernet ethernet = blueprint.ethernet();
        boolean existing = Networks.existing(ethernet);
        NetworkRequest request = new NetworkRequest(existing ? ethernet.name()
                : Addresses.providerName(plan.name(), facility.name() + "-" + ethernet.name()),
                blueprint.domain() == null ? null : blueprint.domain().name(), ethernet.name(),
                existing ? null : ethernet.subnet().toString());
        Map<String, String> spec = existing ? Networks.EXISTING : Map.of();
        progress.started(address, existing ? "using the provider's network " + request.name()
                : "creating network " + request.subnet());
        store.update(s -> s.withNetwork(address, new Placed<>(facility.provider(), facility.name(),
                NetworkRecord.intended(request), spec)));
        NetworkRecord built = Retry.call(() -> provider(facility).ensureNetwork(request));
        store.update(s -> s.withNetwork(address, new Placed<>(facility.provider(), facility.name(), built, spec)));
        changed.incrementAndGet();
        progress.finished(address, "network ready", existing ? "the provider's own" : built.subnet());
    }

    private void node(String address, Facility facility, Node node) throws ProviderException, StateException {
        Placed<NetworkRecord> network = store.current().networks().get(Addresses.network(facility,
                facility.blueprints().stream().filter(b -> b.name().equals(node.blueprint())).findFirst().orElseThrow()));
        if (network == null || network.record().id() == null) {
            throw new ProviderException("the network of node " + node.name() + " was not built");
        }
        NodeRequest request = new NodeRequest(node.name(), network.record(), node.cpu().count(),
                node.memoryGb() * 1024, node.disks().stream().map(d -> d.sizeGb()).toList(), node.appliance(),
                FirstBoot.userData(plan.name(), node.name(), identity), GlueNetworks.nics(node));
        progress.started(address, "creating node");
        Map<String, String> spec = AgentDrains.recorded(node);
        store.update(s -> s.withNode(address, new Placed<>(facility.provider(), facility.name(),
                NodeRecord.intended(request), spec)));
        NodeRecord built = Retry.call(() -> provider(facility).createNode(request));
        store.update(s -> s.withNode(address, new Placed<>(facility.provider(), facility.name(), built, spec)));
        if (built.ssh() != null) {
            session.knownHosts().pin(built.ssh()); // the provider saw the key: trust it rather than first contact
        }
        changed.incrementAndGet();
        progress.finished(address, "node running", built.privateAddress());
    }

    private void publicAddress(String address, Facility facility, Node node) throws ProviderException, StateException {
        Placed<NodeRecord> recorded = store.current().nodes().get(Addresses.node(node));
        PublicAddressRequest request = new PublicAddressRequest(
                Addresses.providerName(plan.name(), node.name() + "-public"), recorded.record(), Firewalls.forwarded(node));
        store.update(s -> s.withPublicAddress(address, new Placed<>(facility.provider(), facility.name(),
                PublicAddressRecord.intended(request))));
        PublicAddressRecord built = Retry.call(() -> provider(facility).ensurePublicAddress(request));
        store.update(s -> s.withPublicAddress(address, new Placed<>(facility.provider(), facility.name(), built))
                .withNode(Addresses.node(node), recorded.with(recorded.record().withPublicAddress(built.address()))));
        changed.incrementAndGet();
        progress.finished(address, "public address", built.address() + " ports " + Planner.ports(built.ports()));
    }

    private void balancer(String address, Facility facility, Blueprint blueprint, Balancer balancer)
            throws ProviderException, StateException {
        BalancerRequest request = Balancers.request(plan.name(), store.current(), facility, blueprint, balancer);
        Map<String, String> spec = Balancers.spec(blueprint, balancer);
        progress.started(address, "creating balancer");
        store.update(s -> s.withBalancer(address, new Placed<>(facility.provider(), facility.name(),
                BalancerRecord.intended(request), spec)));
        BalancerRecord built = Retry.call(() -> provider(facility).ensureBalancer(request));
        store.update(s -> s.withBalancer(address, new Placed<>(facility.provider(), facility.name(), built, spec)));
        changed.incrementAndGet();
        progress.finished(address, "balancer", built.address() + ":" + built.port() + " over "
                + String.join(", ", built.members()));
    }

    private void firewall(String address, Facility facility, Blueprint blueprint)
            throws ProviderException, StateException {
        String netAddress = Addresses.network(facility, blueprint);
        NetworkRecord network = store.current().networks().get(netAddress).record();
        FirewallRequest request = new FirewallRequest(
                Addresses.providerName(plan.name(), facility.name() + "-" + blueprint.ethernet().name() + "-fw"),
                network, Firewalls.rules(plan, facility, blueprint.ethernet().name(), store.current()));
        store.update(s -> s.withFirewall(address, new Placed<>(facility.provider(), facility.name(),
                FirewallRecord.intended(request))));
        FirewallRecord built = Retry.call(() -> provider(facility).ensureFirewall(request));
        store.update(s -> s.withFirewall(address, new Placed<>(facility.provider(), facility.name(), built)));
        changed.incrementAndGet();
        progress.finished(address, "firewall", built.rules().size() + " rule(s)");
    }
}
