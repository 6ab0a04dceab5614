package io.plumbery.providers;

import java.util.List;

/** All inbound rules of one network, applied as one set: rules not listed here are removed. */
public record FirewallRequest(String name, NetworkRecord network, List<FirewallRule> rules) {
    public FirewallRequest {
        rules = List.copyOf(rules);
    }
}
