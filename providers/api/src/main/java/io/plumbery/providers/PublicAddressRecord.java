package io.plumbery.providers;

import java.util.List;
import java.util.Map;

public record PublicAddressRecord(String id, String name, String node, String address, List<PortRange> ports,
                                  Map<String, String> attributes) {
    public PublicAddressRecord {
        ports = ports == null ? List.of() : List.copyOf(ports);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static PublicAddressRecord intended(PublicAddressRequest request) {
        return new PublicAddressRecord(null, request.name(), request.node().name(), null, request.ports(), Map.of());
    }
}
