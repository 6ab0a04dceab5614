package io.plumbery.providers;

import java.util.List;
import java.util.Map;

public record FirewallRecord(String id, String name, String network, List<FirewallRule> rules,
                             Map<String, String> attributes) {
    public FirewallRecord {
        rules = rules == null ? List.of() : List.copyOf(rules);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static FirewallRecord intended(FirewallRequest request) {
        return new FirewallRecord(null, request.name(), request.network().name(), request.rules(), Map.of());
    }
}
