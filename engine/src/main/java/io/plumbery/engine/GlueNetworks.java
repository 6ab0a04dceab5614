package io.plumbery.engine;

import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Glue;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's glue network lines ({@code backend .11}, {@code storage vmxnet3}): a further interface on that network,
 * with that card type. They go to the provider in the {@link NodeRequest}; where the provider does not attach them,
 * {@code information} says so, node by node.
 */
public final class GlueNetworks {

    private GlueNetworks() {
    }

    static List<NodeRequest.Nic> nics(Node node) {
        return node.glue().stream().filter(g -> !g.internet())
                .map(g -> new NodeRequest.Nic(g.network(), g.address(), g.nicType())).toList();
    }

    /** One note per selected node whose glue asks for interfaces (and card types) its provider does not attach. */
    public static List<String> notApplied(Plan plan, Selection selection, Map<String, ProviderFactory> factories) {
        List<String> notes = new ArrayList<>();
        for (Facility f : plan.facilities()) {
            ProviderFactory factory = factories.get(f.provider());
            if (factory == null || factory.furtherInterfaces()) {
                continue;
            }
            for (Blueprint b : f.blueprints()) {
                if (b.isGroup() || !selection.includes(f, b)) {
                    continue;
                }
                for (Node n : b.nodes()) {
                    List<String> asked = n.glue().stream().filter(g -> !g.internet()).map(GlueNetworks::describe).toList();
                    if (!asked.isEmpty()) {
                        notes.add(n.name() + ": " + String.join("; ", asked) + ": not applied, provider " + f.provider()
                                + " puts a node on its blueprint's network only and chooses no network card type");
                    }
                }
            }
        }
        return notes;
    }

    /** {@code an interface on storage (.12), a vmxnet3 card}. */
    private static String describe(Glue g) {
        return "an interface on " + g.network() + (g.address() == null ? "" : " (" + g.address() + ")")
                + (g.nicType() == null ? "" : ", a " + g.nicType() + " card");
    }
}
