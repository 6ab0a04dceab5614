package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.BalancerRecord;
import io.plumbery.providers.BalancerRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.PlanRecords;
import io.plumbery.providers.host.Requests;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan's balancers on this host. Each takes an address of its network that no node takes (from the host numbers
 * below {@link AddressPlan#FIRST_NODE}, unless the plan gives one) and listens on the public address made from it,
 * as a node's public address is ({@link PublicAddress}); its chain in the plan's table spreads new connections over
 * its pool ({@link BalancerRule}), and its {@link BalancerProbe} keeps there only the nodes that answer.
 */
final class LocalBalancers {

    private final LocalNaming naming;
    private final PlanRecords records;
    private final PlanNetwork network;

    LocalBalancers(LocalNaming naming, PlanRecords records, PlanNetwork network) {
        this.naming = naming;
        this.records = records;
        this.network = network;
    }

    /** What the local provider refuses at plan time: algorithms nftables cannot do, and UDP (no probe can tell). */
    static Optional<ProviderFactory.Refusal> refused(String algorithm, String protocol) {
        Optional<ProviderFactory.Refusal> byAlgorithm = BalancerRule.algorithmRefused(algorithm)
                .map(why -> new ProviderFactory.Refusal("algorithm", why));
        if (byAlgorithm.isPresent() || !protocol.equalsIgnoreCase("udp")) {
            return byAlgorithm;
        }
        return Optional.of(new ProviderFactory.Refusal("protocol", "the local provider's balancer takes a node out "
                + "while its port does not answer a TCP connection, and cannot tell whether a UDP port answers; "
                + "it balances http, https (passed through to the nodes) and tcp"));
    }

    BalancerRecord ensure(BalancerRequest request) throws ProviderException {
        Requests.checkNodeName(request.name());
        if (request.transport() != FirewallRule.Protocol.TCP) {
            throw new ProviderException("balancer " + request.name() + ": " + refused("round_robin", "udp")
                    .orElseThrow().why());
        }
        if (request.members().isEmpty()) {
            throw new ProviderException("balancer " + request.name() + " has no nodes to balance");
        }
        PlanRecords.BalancerSpec spec = records.locked(() -> {
            PlanRecords.NetworkSpec net = records.requireNetwork(request.network().name(), "balancer " + request.name());
            Subnet subnet = Subnet.parse(net.subnet());
            Map<String, String> members = new LinkedHashMap<>();
            for (NodeRecord node : request.members()) {
                Machine.Spec machine = new Machine(records.nodeDir(node.name())).spec().orElseThrow(() ->
                        new ProviderException("balancer " + request.name() + ": node " + node.name()
                                + " is not built by this provider"));
                if (!machine.network().equals(net.name())) {
                    throw new ProviderException("balancer " + request.name() + ": node " + node.name()
                            + " is on network " + machine.network() + ", not on the balancer's " + net.name());
                }
                members.put(node.name(), machine.address());
            }
            String address = address(request, net, subnet);
            String publicAddress = PublicAddress.of(address);
            Optional<String> taken = PublicAddress.refused(publicAddress + "/32");
            if (taken.isPresent()) {
                throw new ProviderException("balancer " + request.name() + ": " + taken.get());
            }
            PlanRecords.BalancerSpec s = new PlanRecords.BalancerSpec(request.name(), net.name(), address,
                    publicAddress, request.port(), request.algorithm(), members);
            new BalancerRule(s.name(), publicAddress, s.port(), s.algorithm(), List.copyOf(members.values()),
                    List.copyOf(members.values())); // refuses what it cannot render before anything is recorded
            records.putBalancer(s);
            network.applyRuleset();
            return s;
        });
        new BalancerProbe(records.balancerDir(spec.name())).start(naming.nftTable(), rule(spec));
        return record(spec);
    }

    /** The plan's address, or the first host number below the nodes' that no other balancer of the plan has. */
    private String address(BalancerRequest request, PlanRecords.NetworkSpec net, Subnet subnet)
            throws IOException, ProviderException {
        Set<String> others = records.balancers().stream().filter(b -> !b.name().equals(request.name()))
                .map(PlanRecords.BalancerSpec::address).collect(Collectors.toSet());
        Optional<PlanRecords.BalancerSpec> recorded = records.balancers().stream()
                .filter(b -> b.name().equals(request.name())).findFirst();
        if (request.address() != null) {
            if (!subnet.contains(request.address()) || others.contains(request.address())
                    || Machine.addresses(records).contains(request.address())
                    || Subnet.parseAddress(request.address()) - subnet.base() < 2) {
                throw new ProviderException("balancer " + request.name() + ": address " + request.address()
                        + " is not a free address of network " + net.name() + " (" + net.subnet() + ")");
            }
            return request.address();
        }
        if (recorded.isPresent() && !others.contains(recorded.get().address())) {
            return recorded.get().address();
        }
        for (int n = 2; n < AddressPlan.FIRST_NODE; n++) {
            if (!others.contains(subnet.host(n))) {
                return subnet.host(n);
            }
        }
        throw new ProviderException("balancer " + request.name() + ": network " + net.name() + " has room for "
                + (AddressPlan.FIRST_NODE - 2) + " balancers, and has them; give this one an address");
    }

    void destroy(BalancerRecord balancer) throws ProviderException {
        BalancerProbe probe = new BalancerProbe(records.balancerDir(balancer.name()));
        probe.stop();
        records.locked(() -> {
            records.removeBalancer(balancer.name());
            network.applyRuleset();
            Exec.check(Duration.ofSeconds(30), List.of("rm", "-rf", "--one-file-system",
                    records.balancerDir(balancer.name()).toString()));
            records.removeIfEmpty();
            return null;
        });
    }

    /** Stops every probe of the plan, whatever the records say (a crash clean-up). */
    void stopAll() throws ProviderException, IOException {
        for (java.nio.file.Path dir : records.balancerDirs()) {
            new BalancerProbe(dir).stop();
        }
    }

    private BalancerRule rule(PlanRecords.BalancerSpec spec) {
        return network.balancerRule(spec);
    }

    private BalancerRecord record(PlanRecords.BalancerSpec spec) {
        return new BalancerRecord(spec.publicAddress(), spec.name(), spec.network(), spec.publicAddress(), spec.port(),
                FirewallRule.Protocol.TCP, spec.algorithm(), List.copyOf(spec.members().keySet()), Map.of(
                "nftTable", naming.nftTable(),
                "chain", rule(spec).chain(),
                "networkAddress", spec.address(),
                "probe", "TCP connect to each node's port " + spec.port() + " every " + BalancerProbe.INTERVAL_S
                        + " s (" + BalancerProbe.TIMEOUT_S + " s timeout); out after " + BalancerProbe.FALL
                        + " failures, back after " + BalancerProbe.RISE + " successes; "
                        + records.balancerDir(spec.name()).resolve("probe.log"),
                "reachableFrom", "this host (loopback address)"));
    }
}
