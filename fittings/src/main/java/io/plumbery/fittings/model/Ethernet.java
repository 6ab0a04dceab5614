package io.plumbery.fittings.model;

import io.plumbery.net.Subnet;

import java.util.List;

/**
 * An ethernet network of a domain.
 *
 * @param accept  other networks allowed in (plumbery's {@code accept} list)
 * @param destroy {@code never} keeps the network on dispose
 */
public record Ethernet(String name, String description, Subnet subnet, List<String> accept, String destroy) {

    public Ethernet {
        accept = List.copyOf(accept);
    }

    public boolean keepOnDispose() {
        return "never".equals(destroy);
    }
}
