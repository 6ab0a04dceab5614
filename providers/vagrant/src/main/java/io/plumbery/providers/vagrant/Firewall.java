package io.plumbery.providers.vagrant;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plan's inbound rules of one network as an iptables chain, entered from Docker's {@code DOCKER-USER}
 * chain (where Docker expects rules of its users, ahead of its own) for traffic forwarded to or from the
 * network's bridge. Traffic between nodes of the network and replies pass; new connections into the
 * network pass only where a rule allows them; the rest is dropped. What the nodes start towards the
 * outside is left to Docker, which drops it (the network is internal).
 *
 * <p>This host reaches its nodes directly (not forwarded: the bridge is local), on every port, as with
 * the local provider's private addresses: the rules govern what comes through this host from elsewhere.
 */
final class Firewall {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Duration T = Duration.ofSeconds(30);
    static final String HOOK_CHAIN = "DOCKER-USER";

    private Firewall() {
    }

    /** The chain's whole content for {@code iptables-restore --noflush}, which replaces it atomically. */
    static String render(String plan, String chain, String bridge, List<FirewallRule> rules) {
        StringBuilder out = new StringBuilder("*filter\n:" + chain + " - [0:0]\n");
        String tag = " -m comment --comment " + quote("plumbery " + plan);
        out.append("-A ").append(chain).append(" -i ").append(bridge).append(" -o ").append(bridge)
                .append(tag).append(" -j RETURN\n");
        out.append("-A ").append(chain).append(" -m conntrack --ctstate RELATED,ESTABLISHED")
                .append(tag).append(" -j ACCEPT\n");
        for (FirewallRule rule : rules) {
            out.append("-A ").append(chain).append(" -o ").append(bridge).append(protocol(rule))
                    .append(" -s ").append(cidr(rule.source(), "0.0.0.0/0"))
                    .append(" -d ").append(cidr(rule.destination(), "0.0.0.0/0"))
                    .append(ports(rule))
                    .append(" -m conntrack --ctstate NEW -m comment --comment ")
                    .append(quote("plumbery " + plan + " " + rule.name())).append(" -j ACCEPT\n");
        }
        out.append("-A ").append(chain).append(" -o ").append(bridge).append(tag).append(" -j DROP\n");
        return out.append("COMMIT\n").toString();
    }

    /** {@code -p tcp}, {@code -p icmp}; nothing for a rule of any protocol. */
    private static String protocol(FirewallRule rule) {
        return rule.protocol() == FirewallRule.Protocol.ANY ? ""
                : " -p " + rule.protocol().name().toLowerCase(Locale.ROOT);
    }

    /** {@code --dport 22}, {@code --dport 8000:8010}; ICMP rules let echo requests (ping) in. */
    private static String ports(FirewallRule rule) {
        PortRange ports = rule.portRange();
        if (ports != null) {
            return " --dport " + ports.first() + (ports.single() ? "" : ":" + ports.last());
        }
        return rule.protocol() == FirewallRule.Protocol.ICMP ? " --icmp-type echo-request" : "";
    }

    /** The two rules of {@code DOCKER-USER} that send the bridge's forwarded traffic to the chain. */
    static List<List<String>> hooks(String chain, String bridge) {
        return List.of(List.of(HOOK_CHAIN, "-o", bridge, "-j", chain), List.of(HOOK_CHAIN, "-i", bridge, "-j", chain));
    }

    /** Checks a rule's addresses before they reach iptables; null or empty means any. */
    static String cidr(String value, String any) {
        if (value == null || value.isBlank()) {
            return any;
        }
        if (!IPV4.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an IPv4 address or CIDR");
        }
        return value;
    }

    static void apply(String plan, String chain, String bridge, List<FirewallRule> rules) throws ProviderException {
        String script = render(plan, chain, bridge, rules);
        Exec.Result r = Exec.run(T, List.of("iptables-restore", "--noflush", "--wait", "10"), script);
        if (!r.ok()) {
            throw new ProviderException("iptables-restore rejected the rules of " + bridge + ": " + r.why().strip()
                    + "\n" + script);
        }
        for (List<String> hook : hooks(chain, bridge)) {
            if (!iptables("-C", hook).ok()) {
                Exec.Result added = iptables("-I", hook);
                if (!added.ok()) {
                    throw new ProviderException("cannot hook chain " + chain + " into " + HOOK_CHAIN + " (is the "
                            + "Docker engine running?): " + added.why().strip());
                }
            }
        }
    }

    /** Unhooks and deletes the chain; nothing to do when it is not there. */
    static void remove(String chain, String bridge) throws ProviderException {
        for (List<String> hook : hooks(chain, bridge)) {
            for (int i = 0; i < 10 && iptables("-C", hook).ok(); i++) {
                iptables("-D", hook);
            }
        }
        if (exists(chain)) {
            iptables("-F", List.of(chain));
            Exec.Result r = iptables("-X", List.of(chain));
            if (!r.ok() && exists(chain)) {
                throw new ProviderException("cannot delete iptables chain " + chain + ": " + r.why().strip(), true, null);
            }
        }
    }

    /** The chains of the filter table whose names start with {@code prefix}. */
    static List<String> chains(String prefix) throws ProviderException {
        Exec.Result r = iptables("-S", List.of());
        if (!r.ok()) {
            throw new ProviderException("cannot list iptables rules: " + r.why().strip());
        }
        return r.out().lines().filter(l -> l.startsWith("-N " + prefix)).map(l -> l.substring(3).strip()).toList();
    }

    static boolean exists(String chain) throws ProviderException {
        return iptables("-S", List.of(chain)).ok();
    }

    private static Exec.Result iptables(String op, List<String> rule) throws ProviderException {
        List<String> command = new java.util.ArrayList<>(List.of("iptables", "--wait", "10", op));
        command.addAll(rule);
        return Exec.run(T, command);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }
}
