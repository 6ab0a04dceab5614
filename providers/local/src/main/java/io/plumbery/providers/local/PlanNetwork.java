package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.HostNetwork;
import io.plumbery.providers.host.HostProvider;
import io.plumbery.providers.host.PlanRecords;
import io.plumbery.providers.host.Requests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network side of a plan on the host: bridges with their unreachable routes, and the plan's nftables
 * table (firewalls, public addresses and balancers' chains), always rendered whole from the plan's {@link PlanRecords}.
 */
final class PlanNetwork implements HostProvider.NetworkSide {

    private final LocalNaming naming;
    private final PlanRecords records;

    PlanNetwork(LocalNaming naming, PlanRecords records) {
        this.naming = naming;
        this.records = records;
    }

    // ---------------------------------------------------------------- networks

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        Subnet subnet = AddressPlan.parse(request.subnet());
        String bridge = naming.bridge(request.name());
        return records.locked(() -> {
            records.recordNames(naming.names());
            HostNetwork.claim(records, request.name(), bridge, subnet);
            Bridges.ensureBridge(bridge, subnet);
            applyRuleset();
            return new NetworkRecord(bridge, request.name(), subnet.toString(), Map.of(
                    "bridge", bridge,
                    "hostAddress", AddressPlan.hostAddress(subnet),
                    "nftTable", naming.nftTable(),
                    "unreachableRoute", HostNetwork.unreachableRoute(subnet)));
        });
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        records.locked(() -> {
            PlanRecords.NetworkSpec recorded = records.network(network.name()).orElse(new PlanRecords.NetworkSpec(
                    network.name(), naming.bridge(network.name()), network.subnet()));
            records.forgetNetwork(network.name());
            applyRuleset();
            Bridges.deleteBridge(recorded.bridge());
            if (recorded.subnet() != null) {
                HostNetwork.removeUnreachableRoute(Subnet.parse(recorded.subnet()));
            }
            records.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- firewall

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        Requests.checkRules(request, NftRuleset::rule);
        return records.locked(() -> {
            String network = records.recordFirewall(request).network();
            applyRuleset();
            return new FirewallRecord(naming.nftTable() + "/" + NftRuleset.firewallChain(network), request.name(),
                    network, request.rules(), Map.of("nftTable", naming.nftTable(),
                    "chain", NftRuleset.firewallChain(network),
                    "scope", "traffic reaching nodes through their public addresses; the host itself reaches "
                            + "private addresses directly"));
        });
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        records.locked(() -> {
            records.removeFirewall(firewall.network());
            applyRuleset();
            records.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- public addresses

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        String node = request.node().name();
        return records.locked(() -> {
            Machine.Spec spec = new Machine(records.nodeDir(node)).spec()
                    .orElseThrow(() -> Requests.nodeNotBuilt(request));
            Optional<String> refused = PublicAddress.refused(PublicAddress.of(spec.address()) + "/32");
            if (refused.isPresent()) {
                throw new ProviderException("public address of node " + node + ": " + refused.get());
            }
            PlanRecords.PublicSpec p = new PlanRecords.PublicSpec(request.name(), node, spec.network(),
                    PublicAddress.of(spec.address()), spec.address(), request.ports());
            records.putPublic(p);
            applyRuleset();
            return new PublicAddressRecord(p.address(), p.name(), p.node(), p.address(), p.ports(), Map.of(
                    "nftTable", naming.nftTable(),
                    "forwards", p.ports() + " of " + p.address() + " to " + p.privateAddress()
                            + " (ICMP is not forwarded: this host answers for all of 127.0.0.0/8)",
                    "reachableFrom", "this host (loopback address)"));
        });
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        records.locked(() -> {
            records.removePublic(address.name());
            applyRuleset();
            records.removeIfEmpty();
            return null;
        });
    }

    /** A balancer's chain as its record and its probe's last findings say. */
    BalancerRule balancerRule(PlanRecords.BalancerSpec spec) {
        List<String> members = List.copyOf(spec.members().values());
        return new BalancerRule(spec.name(), spec.publicAddress(), spec.port(), spec.algorithm(), members,
                new BalancerProbe(records.balancerDir(spec.name())).live(members));
    }

    /** Renders the plan's whole table from the records and applies it in one nft transaction. Call locked. */
    void applyRuleset() throws ProviderException, IOException {
        List<NftRuleset.Net> nets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PlanRecords.NetworkSpec n : records.networks()) {
            nets.add(new NftRuleset.Net(n.name(), n.bridge(), n.subnet()));
            names.add(n.name());
        }
        Map<String, List<FirewallRule>> firewalls = new LinkedHashMap<>();
        for (PlanRecords.FirewallSpec f : records.firewalls()) {
            firewalls.put(f.network(), f.rules());
        }
        List<NftRuleset.Public> publics = new ArrayList<>();
        for (PlanRecords.PublicSpec p : records.publics()) {
            if (names.contains(p.network())) {
                publics.add(new NftRuleset.Public(p.name(), p.network(), p.address(), p.privateAddress(), p.ports()));
            }
        }
        List<BalancerRule> balancers = new ArrayList<>();
        for (PlanRecords.BalancerSpec b : records.balancers()) {
            if (names.contains(b.network())) {
                balancers.add(balancerRule(b));
            }
        }
        Bridges.applyNft(NftRuleset.render(naming.nftTable(), nets, firewalls, publics, balancers));
        Bridges.syncRoutedAccepts(naming.acceptTag(), NftRuleset.routedAccepts(nets, firewalls));
    }
}
