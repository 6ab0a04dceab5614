package io.plumbery.providers.local;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

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
 * table (firewalls and public addresses), always rendered whole from the records in {@link PlanStore}.
 */
final class PlanNetwork {

    private final Naming naming;
    private final PlanStore store;

    PlanNetwork(Naming naming, PlanStore store) {
        this.naming = naming;
        this.store = store;
    }

    // ---------------------------------------------------------------- networks

    NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        Subnet subnet = parseSubnet(request.subnet());
        String bridge = naming.bridge(request.name());
        return store.locked(() -> {
            for (PlanStore.NetworkSpec other : store.networks()) {
                if (!other.name().equals(request.name()) && Subnet.parse(other.subnet()).overlaps(subnet)) {
                    throw new ProviderException("network " + request.name() + " (" + subnet + ") overlaps network "
                            + other.name() + " (" + other.subnet() + ") of the same plan");
                }
            }
            Optional<String> conflict = HostNetwork.addressConflict(subnet, bridge);
            if (conflict.isPresent()) {
                throw new ProviderException("subnet " + subnet + " of network " + request.name()
                        + " is already used on this host by " + conflict.get() + "; give the plan another subnet");
            }
            store.putNetwork(new PlanStore.NetworkSpec(request.name(), bridge, subnet.toString()));
            HostNetwork.ensureUnreachableRoute(subnet);
            HostNetwork.ensureBridge(bridge, subnet);
            applyRuleset();
            return networkRecord(request.name(), bridge, subnet);
        });
    }

    private NetworkRecord networkRecord(String name, String bridge, Subnet subnet) {
        return new NetworkRecord(bridge, name, subnet.toString(), Map.of(
                "bridge", bridge,
                "hostAddress", subnet.hostAddress(),
                "nftTable", naming.nftTable(),
                "unreachableRoute", "unreachable " + subnet + " metric " + HostNetwork.UNREACHABLE_METRIC));
    }

    void destroyNetwork(NetworkRecord network) throws ProviderException {
        String bridge = naming.bridge(network.name());
        store.locked(() -> {
            for (PlanStore.PublicSpec p : store.publics()) {
                if (p.network().equals(network.name())) {
                    store.removePublic(p.name());
                }
            }
            store.removeFirewall(network.name());
            store.removeNetwork(network.name());
            applyRuleset();
            HostNetwork.deleteBridge(bridge);
            store.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- firewall

    FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        String network = request.network().name();
        return store.locked(() -> {
            if (store.network(network).isEmpty()) {
                throw new ProviderException("firewall " + request.name() + ": network " + network
                        + " is not built by this provider yet (ensureNetwork first)");
            }
            for (FirewallRule rule : request.rules()) {
                try {
                    NftRuleset.rule(rule);
                } catch (IllegalArgumentException e) {
                    throw new ProviderException("firewall rule " + rule.name() + ": " + e.getMessage());
                }
            }
            store.putFirewall(new PlanStore.FirewallSpec(request.name(), network, request.rules()));
            applyRuleset();
            return new FirewallRecord(naming.nftTable() + "/" + NftRuleset.firewallChain(network), request.name(),
                    network, request.rules(), Map.of("nftTable", naming.nftTable(),
                    "chain", NftRuleset.firewallChain(network),
                    "scope", "traffic reaching nodes through their public addresses; the host itself reaches "
                            + "private addresses directly"));
        });
    }

    void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        store.locked(() -> {
            store.removeFirewall(firewall.network());
            applyRuleset();
            store.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- public addresses

    PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        String node = request.node().name();
        for (int port : request.ports()) {
            if (port < 1 || port > 65535) {
                throw new ProviderException("public address " + request.name() + ": port out of range: " + port);
            }
        }
        return store.locked(() -> {
            Machine.Spec spec = new Machine(store.nodeDir(node)).spec().orElseThrow(() -> new ProviderException(
                    "public address " + request.name() + ": node " + node + " is not built by this provider"));
            String address = Subnet.publicAddressFor(spec.address());
            for (PlanStore.PublicSpec other : store.publics()) {
                if (other.address().equals(address) && !other.name().equals(request.name())) {
                    store.removePublic(other.name());
                }
            }
            PlanStore.PublicSpec p = new PlanStore.PublicSpec(request.name(), node, spec.network(), address,
                    spec.address(), request.ports());
            store.putPublic(p);
            applyRuleset();
            return publicRecord(p);
        });
    }

    private PublicAddressRecord publicRecord(PlanStore.PublicSpec p) {
        return new PublicAddressRecord(p.address(), p.name(), p.node(), p.address(), p.ports(), Map.of(
                "nftTable", naming.nftTable(),
                "forwards", "tcp " + p.ports() + " of " + p.address() + " to " + p.privateAddress(),
                "reachableFrom", "this host (loopback address)"));
    }

    void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        store.locked(() -> {
            store.removePublic(address.name());
            applyRuleset();
            store.removeIfEmpty();
            return null;
        });
    }

    /** Renders the plan's whole table from the records and applies it in one nft transaction. Call locked. */
    void applyRuleset() throws ProviderException, IOException {
        List<NftRuleset.Net> nets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PlanStore.NetworkSpec n : store.networks()) {
            nets.add(new NftRuleset.Net(n.name(), n.bridge(), n.subnet()));
            names.add(n.name());
        }
        Map<String, List<FirewallRule>> firewalls = new LinkedHashMap<>();
        for (PlanStore.FirewallSpec f : store.firewalls()) {
            firewalls.put(f.network(), f.rules());
        }
        List<NftRuleset.Public> publics = new ArrayList<>();
        for (PlanStore.PublicSpec p : store.publics()) {
            if (names.contains(p.network())) {
                publics.add(new NftRuleset.Public(p.name(), p.network(), p.address(), p.privateAddress(), p.ports()));
            }
        }
        HostNetwork.applyNft(NftRuleset.render(naming.nftTable(), nets, firewalls, publics));
        HostNetwork.syncRoutedAccepts(naming.acceptTag(), NftRuleset.routedAccepts(nets, firewalls));
    }

    static Subnet parseSubnet(String cidr) throws ProviderException {
        try {
            return Subnet.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(e.getMessage());
        }
    }
}
