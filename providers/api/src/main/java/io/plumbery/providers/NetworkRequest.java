package io.plumbery.providers;

import java.util.Objects;

/**
 * The network of one blueprint: a domain (a routing and firewall boundary) holding one ethernet subnet.
 *
 * @param name   a name unique within the plan, derived from the plan and blueprint by the engine
 * @param domain the plan's domain name, as people know it
 * @param ethernet the plan's ethernet name
 * @param subnet CIDR, e.g. {@code 10.77.1.0/24}; null for a network the provider already has, named {@code name}:
 *               found or used as it is, never created (asked only of providers that declare
 *               {@link ProviderFactory#existingNetworks()})
 */
public record NetworkRequest(String name, String domain, String ethernet, String subnet) {
    public NetworkRequest {
        Objects.requireNonNull(name, "name");
    }

    /** Whether this is a network the provider already has, rather than one to make. */
    public boolean existing() {
        return subnet == null;
    }
}
