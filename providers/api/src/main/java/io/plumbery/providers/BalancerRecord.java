package io.plumbery.providers;

import java.util.List;
import java.util.Map;

/**
 * A load balancer as built: where it listens ({@code address}, {@code port}; null while only intended) and the
 * nodes behind it by name.
 */
public record BalancerRecord(String id, String name, String network, String address, int port,
                             FirewallRule.Protocol transport, String algorithm, List<String> members,
                             Map<String, String> attributes) {
    public BalancerRecord {
        members = members == null ? List.of() : List.copyOf(members);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static BalancerRecord intended(BalancerRequest request) {
        return new BalancerRecord(null, request.name(), request.network().name(), null, request.port(),
                request.transport(), request.algorithm(), request.members().stream().map(NodeRecord::name).toList(),
                Map.of());
    }
}
