package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.host.Naming;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A balancer of the plan's nftables table: a chain of its own holding one rule that sends each new connection to
 * its public address and port to one of the live nodes, picked by {@code numgen} (round_robin, random) or by a
 * hash of the client's address (persistent_ip); with no live node, a TCP reset. The chain is rendered with the
 * rest of the table from the records, and rewritten alone by the balancer's health probe ({@link BalancerProbe})
 * whenever the live nodes change; the rule's comment names them, so each side sees what the other wrote.
 *
 * @param live the nodes' addresses that answered the probe last, in the order of {@code members}
 */
record BalancerRule(String name, String publicAddress, int port, String algorithm, List<String> members,
                    List<String> live) {

    /** How each algorithm the local provider can do picks a node; the others it refuses. */
    static final Map<String, String> PICKS = Map.of(
            "round_robin", "numgen inc",
            "random", "numgen random",
            "persistent_ip", "jhash ip saddr");

    BalancerRule {
        members = List.copyOf(members);
        live = List.copyOf(live);
        if (!PICKS.containsKey(algorithm)) {
            throw new IllegalArgumentException("balancer " + name + ": algorithm '" + algorithm + "' is not one of "
                    + String.join(", ", PICKS.keySet()));
        }
        Subnet.parseAddress(publicAddress);
        members.forEach(Subnet::parseAddress);
    }

    /** Why the local provider cannot build a balancer with this algorithm, if it cannot. */
    static Optional<String> algorithmRefused(String algorithm) {
        if (PICKS.containsKey(algorithm.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("the local provider's balancer is this host's nftables, which picks a node for each new "
                + "connection without counting connections, weighing nodes or timing answers; it can do "
                + String.join(", ", PICKS.keySet().stream().sorted().toList()));
    }

    String chain() {
        return "lb_" + Naming.hash(name, 8);
    }

    /** What the rule matches: new TCP connections to the balancer's address and port. */
    String match() {
        return "ip daddr " + publicAddress + " tcp dport " + port;
    }

    String pick() {
        return PICKS.get(algorithm);
    }

    /** The chain's one rule for {@code live}; the probe's script writes the very same text. */
    String rule() {
        if (live.isEmpty()) {
            return match() + " reject with tcp reset comment \"live\"";
        }
        String map = IntStream.range(0, live.size()).mapToObj(i -> i + " : " + live.get(i))
                .collect(Collectors.joining(", "));
        return match() + " dnat to " + pick() + " mod " + live.size() + " map { " + map + " } comment \"live "
                + String.join(" ", live) + "\"";
    }
}
