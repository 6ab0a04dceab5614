package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.ProviderException;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Removes what the state records, in reverse order of dependency: balancers, public addresses, nodes (in parallel),
 * firewalls, networks. Each removal is saved at once, so an interrupted destroy resumes where it stopped.
 */
public final class Destroyer {

    private final Session session;
    private final StateStore store;
    private final ProviderPool providers;
    private final Progress progress;
    private final int parallel;

    public Destroyer(Session session, Progress progress, int parallel) {
        this.session = session;
        this.store = session.store();
        this.providers = session.providers();
        this.progress = progress;
        this.parallel = parallel;
    }

    /**
     * The addresses destroy would remove for this selection; networks marked {@code destroy: never} stay. A network
     * the plan did not make (the provider's own) is removed from the state only: {@link #destroyOne} leaves it be.
     */
    public static List<String> targets(Plan plan, State state, Selection selection) {
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> networks = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        Set<String> balancers = new LinkedHashSet<>();
        for (Facility f : plan.facilities()) {
            for (Blueprint b : f.blueprints()) {
                if (b.isGroup() || b.ethernet() == null) {
                    continue;
                }
                if (b.ethernet().keepOnDispose()) {
                    kept.add(Addresses.network(f, b));
                }
                if (selection.includes(f, b)) {
                    b.nodes().forEach(n -> nodes.add(n.name()));
                    b.balancers().forEach(lb -> balancers.add(Addresses.balancer(f, b, lb)));
                    networks.add(Addresses.network(f, b));
                }
            }
        }
        List<String> out = new ArrayList<>();
        state.balancers().keySet().stream().filter(a -> selection.all(plan) || balancers.contains(a)).forEach(out::add);
        state.publicAddresses().forEach((a, p) -> {
            if (selection.all(plan) || nodes.contains(p.record().node())) {
                out.add(a);
            }
        });
        state.nodes().forEach((a, p) -> {
            if (selection.all(plan) || nodes.contains(p.record().name())) {
                out.add(a);
            }
        });
        // a network goes only when no remaining node is on it, and never when the plan keeps it
        Set<String> stillUsed = new LinkedHashSet<>();
        state.nodes().forEach((a, p) -> {
            if (!out.contains(a)) {
                stillUsed.add(p.record().network());
            }
        });
        state.networks().forEach((a, p) -> {
            boolean selected = selection.all(plan) || networks.contains(a);
            if (selected && !kept.contains(a) && !stillUsed.contains(p.record().name())) {
                out.add(a.replaceFirst("^network\\.", "firewall."));
                out.add(a);
            }
        });
        return out.stream().filter(a -> !a.startsWith("firewall.") || state.firewalls().containsKey(a)).toList();
    }

    public Outcome destroy(List<String> addresses) {
        List<Outcome.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger removed = new AtomicInteger();
        for (String kind : List.of("balancer.", "public.", "node.", "firewall.", "network.")) {
            List<String> batch = addresses.stream().filter(a -> a.startsWith(kind)).toList();
            Parallel.forEach(batch, kind.equals("node.") || kind.equals("public.") ? parallel : 1, address -> {
                try {
                    destroyOne(address);
                    removed.incrementAndGet();
                } catch (ProviderException | StateException e) {
                    progress.failed(address, "destroy", e.getMessage());
                    failures.add(new Outcome.Failure(address, e.getMessage()));
                }
            });
            if (!failures.isEmpty()) {
                break; // do not pull a network from under nodes that could not be removed
            }
        }
        return new Outcome(removed.get(), 0, failures);
    }

    void destroyOne(String address) throws ProviderException, StateException {
        State state = store.current();
        progress.started(address, "destroying");
        if (state.balancers().containsKey(address)) {
            var p = state.balancers().get(address);
            providers.get(p.provider(), p.facility()).destroyBalancer(p.record());
        } else if (state.publicAddresses().containsKey(address)) {
            var p = state.publicAddresses().get(address);
            providers.get(p.provider(), p.facility()).releasePublicAddress(p.record());
        } else if (state.nodes().containsKey(address)) {
            var p = state.nodes().get(address);
            providers.get(p.provider(), p.facility()).destroyNode(p.record());
            if (p.record().ssh() != null) {
                session.knownHosts().forget(p.record().ssh().host(), p.record().ssh().port());
            }
        } else if (state.firewalls().containsKey(address)) {
            var p = state.firewalls().get(address);
            providers.get(p.provider(), p.facility()).destroyFirewall(p.record());
        } else if (state.networks().containsKey(address)) {
            Placed<io.plumbery.providers.NetworkRecord> p = state.networks().get(address);
            if (!Networks.notMadeByThePlan(p)) { // the provider's own network is only forgotten
                providers.get(p.provider(), p.facility()).destroyNetwork(p.record());
            }
        } else {
            return;
        }
        store.update(s -> s.without(address));
        progress.finished(address, "destroyed", null);
    }

    /** Nodes of the selection that the state records, for start and stop. */
    public static List<String> nodes(Plan plan, State state, Selection selection) {
        List<String> out = new ArrayList<>();
        for (Facility f : plan.facilities()) {
            for (Blueprint b : f.blueprints()) {
                if (!b.isGroup() && selection.includes(f, b)) {
                    for (Node n : b.nodes()) {
                        if (state.nodes().containsKey(Addresses.node(n))) {
                            out.add(Addresses.node(n));
                        }
                    }
                }
            }
        }
        return out;
    }
}
