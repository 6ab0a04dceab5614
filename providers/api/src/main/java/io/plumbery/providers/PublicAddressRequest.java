package io.plumbery.providers;

import java.util.List;

/** {@code glue: internet 22 8080}: a public address for a node, open on these TCP ports only. */
public record PublicAddressRequest(String name, NodeRecord node, List<Integer> ports) {
    public PublicAddressRequest {
        ports = List.copyOf(ports);
    }
}
