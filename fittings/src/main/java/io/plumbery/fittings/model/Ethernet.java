package io.plumbery.fittings.model;

import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.net.Subnet;

import java.util.List;

/**
 * An ethernet network of a domain.
 *
 * @param subnet  the network's addresses: its own when {@link Kind#DECLARED}, the declaring blueprint's when
 *                {@link Kind#REFERENCE}, null when {@link Kind#EXISTING} (the provider knows them)
 * @param accept  other networks allowed in (plumbery's {@code accept} list)
 * @param destroy {@code never} keeps the network on dispose
 * @param kind    whether this blueprint declares the network or uses one declared elsewhere
 * @param where   where the plan writes its name, for what later stages say about it; null when not read from a file
 */
public record Ethernet(String name, String description, Subnet subnet, List<String> accept, String destroy,
                       Kind kind, SourceRange where) {

    /** Where a network comes from. */
    public enum Kind {
        /** Written here with its subnet: the plan makes it. */
        DECLARED,
        /** Written here by name only; another blueprint of the plan declares it. */
        REFERENCE,
        /** Written here by name only and declared nowhere in the plan: it must exist at the provider already. */
        EXISTING
    }

    public Ethernet {
        accept = List.copyOf(accept);
    }

    /** A network declared here when it has a subnet, else one that must exist already. */
    public Ethernet(String name, String description, Subnet subnet, List<String> accept, String destroy,
                    SourceRange where) {
        this(name, description, subnet, accept, destroy, subnet == null ? Kind.EXISTING : Kind.DECLARED, where);
    }

    public boolean keepOnDispose() {
        return "never".equals(destroy);
    }

    public boolean isDeclaredHere() {
        return kind == Kind.DECLARED;
    }

    /** This network, using the one that {@code declaration} declares. */
    public Ethernet referencing(Ethernet declaration) {
        return new Ethernet(name, description, declaration.subnet(), accept, destroy, Kind.REFERENCE, where);
    }
}
