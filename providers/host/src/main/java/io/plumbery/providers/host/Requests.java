package io.plumbery.providers.host;

import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRequest;

/** Checks of SPI requests that every provider of this host makes before it changes anything. */
public final class Requests {

    /** What a provider can do with a firewall rule; an IllegalArgumentException says what is wrong with it. */
    public interface RuleCheck {
        void check(FirewallRule rule) throws ProviderException;
    }

    private Requests() {
    }

    /** Node names become host names and directory names (see {@link Naming#checkNodeName}). */
    public static void checkNodeName(String node) throws ProviderException {
        try {
            Naming.checkNodeName(node);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(e.getMessage());
        }
    }

    /** Why a public address cannot be made: its node is not one of this provider's. */
    public static ProviderException nodeNotBuilt(PublicAddressRequest request) {
        return new ProviderException("public address " + request.name() + ": node " + request.node().name()
                + " is not built by this provider");
    }

    /** Each rule through the provider's {@code check}, its complaint naming the rule. */
    public static void checkRules(FirewallRequest request, RuleCheck check) throws ProviderException {
        for (FirewallRule rule : request.rules()) {
            try {
                check.check(rule);
            } catch (IllegalArgumentException e) {
                throw new ProviderException("firewall rule " + rule.name() + ": " + e.getMessage());
            }
        }
    }
}
