package io.plumbery.engine;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Ethernet;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.Pool;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.Providers;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a plan asks of its providers that they cannot do, found before anything is done and said where the plan
 * writes it, as the plan's own errors are: a network that exists only at a provider that cannot use one, a reference
 * to a network of a facility that another provider builds, public addresses a provider cannot give, firewalls it
 * cannot enforce, balancers and nodes it cannot build. Warnings say what the plan asks that nothing will do.
 */
public final class PlanFit {

    private PlanFit() {
    }

    /** With the providers on the class path. */
    public static List<Diagnostic> check(Plan plan) {
        return check(plan, Providers.discover().all());
    }

    static List<Diagnostic> check(Plan plan, Map<String, ProviderFactory> factories) {
        Diagnostics out = new Diagnostics();
        List<String> able = factories.values().stream().filter(ProviderFactory::existingNetworks)
                .map(ProviderFactory::name).sorted().toList();
        for (Facility f : plan.facilities()) {
            ProviderFactory factory = factories.get(f.provider());
            for (Blueprint b : f.blueprints()) {
                if (factory != null) {
                    balancers(f, b, factory, factories, out);
                    nodes(f, b, factory, out);
                }
                if (b.isGroup() || b.ethernet() == null) {
                    continue;
                }
                Ethernet e = b.ethernet();
                if (e.kind() == Ethernet.Kind.EXISTING && factory != null && !factory.existingNetworks()) {
                    out.error(e.where(), "ethernet '" + e.name() + "' of blueprint '" + b.name() + "': no blueprint "
                            + "declares it, so it must be a network provider " + f.provider() + " already has, and "
                            + f.provider() + " puts nodes only on networks it makes; give it a subnet to have the plan "
                            + "make it" + (able.isEmpty() ? "" : ", or use a provider that can use its own ("
                            + String.join(", ", able) + ")"));
                }
                if (e.kind() == Ethernet.Kind.REFERENCE) {
                    Facility home = Networks.home(plan, f, b).facility();
                    if (!home.provider().equals(f.provider())) {
                        out.error(e.where(), "ethernet '" + e.name() + "' of blueprint '" + b.name() + "' is the "
                                + "network of facility " + home.name() + ", made by provider " + home.provider()
                                + ": nodes of provider " + f.provider() + " cannot join it; declare a network of "
                                + "this facility instead");
                    }
                }
                if (factory != null && e.subnet() != null && b.nodes().stream().anyMatch(Node::hasPublicAddress)) {
                    factory.publicAddressesRefused(e.subnet().toString()).ifPresent(why -> out.error(e.where(),
                            "ethernet '" + e.name() + "' (" + e.subnet() + ") of blueprint '" + b.name() + "': "
                                    + "provider " + f.provider() + " cannot give its nodes public addresses: " + why));
                }
                if (factory != null && e.kind() != Ethernet.Kind.REFERENCE) {
                    factory.firewallsRefused(f.settings()).ifPresent(why -> out.error(e.where(), "ethernet '"
                            + e.name() + "' of blueprint '" + b.name() + "': provider " + f.provider()
                            + " cannot enforce its firewall (what accept and glue let in, and nothing else): " + why));
                }
                for (String accepted : e.accept()) {
                    Firewalls.Site site = Firewalls.Site.of(f, accepted);
                    Optional<String> subnet = Firewalls.subnet(plan, site);
                    if (subnet.isEmpty()) {
                        out.warning(e.where(), "accept: network '" + accepted + "' exists only at the provider: the "
                                + "plan does not know its addresses, so no firewall rule lets its traffic in");
                    }
                }
            }
        }
        return out.list();
    }

    /** Each key of a node the provider cannot build, said where the plan writes the node (once for a range). */
    private static void nodes(Facility f, Blueprint b, ProviderFactory factory, Diagnostics out) {
        Set<String> said = new HashSet<>();
        for (Node n : b.nodes()) {
            for (ProviderFactory.Refusal refusal : factory.nodeRefused(NodeSpec.shape(n), f.settings())) {
                if (said.add(n.where() + " " + refusal)) {
                    out.error(n.where(), "node '" + n.name() + "' of blueprint '" + b.name() + "': " + refusal.key()
                            + ": provider " + f.provider() + " cannot build it: " + refusal.why());
                }
            }
        }
    }

    /** Each balancer the provider cannot build, said once where the plan writes the key at fault. */
    private static void balancers(Facility f, Blueprint b, ProviderFactory factory,
                                  Map<String, ProviderFactory> factories, Diagnostics out) {
        Pool pool = Balancers.pool(b);
        Set<String> said = new HashSet<>();
        for (Balancer lb : b.balancers()) {
            Optional<ProviderFactory.Refusal> refusal = factory.balancersRefused(pool.algorithm().planName(),
                    lb.protocolName());
            if (refusal.isEmpty()) {
                continue;
            }
            String key = refusal.get().key();
            String what = "algorithm".equals(key)
                    ? "pool algorithm '" + pool.algorithm().planName() + "' of blueprint '" + b.name() + "'"
                    : "protocol".equals(key) ? "protocol '" + lb.protocolName() + "' of balancer '" + lb.name()
                    + "' (blueprint '" + b.name() + "')"
                    : "balancer '" + lb.name() + "' of blueprint '" + b.name() + "'";
            if (said.add(what)) {
                SourceRange where = "algorithm".equals(key) && pool.where() != null ? pool.where() : lb.where();
                List<String> able = factories.values().stream().filter(other -> other.balancersRefused(
                        pool.algorithm().planName(), lb.protocolName()).isEmpty()).map(ProviderFactory::name).sorted().toList();
                out.error(where, what + ": provider " + f.provider() + " cannot build it: " + refusal.get().why()
                        + (able.isEmpty() || key != null ? "" : " (providers that can: " + String.join(", ", able) + ")"));
            }
        }
    }
}
