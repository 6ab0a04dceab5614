package io.plumbery.providers.vagrant;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.local.HostNetwork;
import io.plumbery.providers.local.Subnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network side of a plan: one internal Docker network per plan network (with its unreachable route
 * on the host), its firewall chain ({@link Firewall}) and the public addresses, which are the nodes' own
 * addresses: this host reaches them directly.
 */
final class PlanNetworks {

    private final VagrantNaming naming;
    private final PlanDir dir;
    private final Docker docker;

    PlanNetworks(VagrantNaming naming, PlanDir dir, Docker docker) {
        this.naming = naming;
        this.dir = dir;
        this.docker = docker;
    }

    // ---------------------------------------------------------------- networks

    NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        Subnet subnet = parseSubnet(request.subnet());
        String dockerNetwork = naming.dockerNetwork(request.name());
        String bridge = naming.bridge(request.name());
        return dir.locked(() -> {
            for (PlanDir.NetworkSpec other : dir.networks()) {
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
            dir.putNetwork(new PlanDir.NetworkSpec(request.name(), dockerNetwork, bridge, subnet.toString()));
            // before the subnet exists on the host: its traffic never takes the default route, even once the
            // bridge is gone
            HostNetwork.ensureUnreachableRoute(subnet);
            Optional<String> existing = docker.networkSubnet(dockerNetwork);
            if (existing.isPresent() && !existing.get().equals(subnet.toString())) {
                throw new ProviderException("Docker network " + dockerNetwork + " exists with subnet " + existing.get()
                        + ", not " + subnet + "; destroy the plan's network first");
            }
            if (existing.isEmpty()) {
                docker.createNetwork(dockerNetwork, bridge, subnet.toString(), subnet.hostAddress(), List.of(
                        VagrantNaming.PLAN_LABEL + "=" + naming.plan(), VagrantNaming.PROVIDER_LABEL + "=vagrant",
                        VagrantNaming.NETWORK_LABEL + "=" + request.name()));
            }
            return new NetworkRecord(dockerNetwork, request.name(), subnet.toString(), Map.of(
                    "dockerNetwork", dockerNetwork,
                    "bridge", bridge,
                    "hostAddress", subnet.hostAddress(),
                    "internal", "yes: nodes reach each other and this host; Docker drops what they start "
                            + "towards anything else",
                    "unreachableRoute", "unreachable " + subnet + " metric " + HostNetwork.UNREACHABLE_METRIC));
        });
    }

    void destroyNetwork(NetworkRecord network) throws ProviderException {
        String dockerNetwork = naming.dockerNetwork(network.name());
        dir.locked(() -> {
            for (PlanDir.PublicSpec p : dir.publics()) {
                if (p.network().equals(network.name())) {
                    dir.removePublic(p.name());
                }
            }
            Firewall.remove(naming.chain(network.name()), naming.bridge(network.name()));
            dir.removeFirewall(network.name());
            docker.removeNetwork(dockerNetwork);
            dir.removeNetwork(network.name());
            return null;
        });
    }

    // ---------------------------------------------------------------- firewall

    FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        String network = request.network().name();
        for (FirewallRule rule : request.rules()) {
            if (rule.protocol() == FirewallRule.Protocol.ANY) {
                // said before anything changes, rather than written as a rule that nothing routes to
                throw new ProviderException("firewall " + request.name() + ": rule " + rule.name() + " comes from an"
                        + " 'accept' list, which the vagrant provider cannot honour yet: its networks are internal"
                        + " Docker networks with no route between them. Put the nodes on one network, or use the"
                        + " local provider.");
            }
            try {
                Firewall.cidr(rule.source(), "");
                Firewall.cidr(rule.destination(), "");
            } catch (IllegalArgumentException e) {
                throw new ProviderException("firewall rule " + rule.name() + ": " + e.getMessage());
            }
        }
        String chain = naming.chain(network);
        String bridge = naming.bridge(network);
        return dir.locked(() -> {
            if (dir.network(network).isEmpty()) {
                throw new ProviderException("firewall " + request.name() + ": network " + network
                        + " is not built by this provider yet (ensureNetwork first)");
            }
            dir.putFirewall(new PlanDir.FirewallSpec(request.name(), network, request.rules()));
            Firewall.apply(naming.plan(), chain, bridge, request.rules());
            return new FirewallRecord(chain, request.name(), network, request.rules(), Map.of(
                    "iptablesChain", chain,
                    "hookedFrom", Firewall.HOOK_CHAIN + " for traffic forwarded to and from " + bridge,
                    "scope", "connections into the network through this host; this host itself reaches every "
                            + "port of its nodes directly"));
        });
    }

    void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        dir.locked(() -> {
            Firewall.remove(naming.chain(firewall.network()), naming.bridge(firewall.network()));
            dir.removeFirewall(firewall.network());
            return null;
        });
    }

    // ---------------------------------------------------------------- public addresses

    /**
     * The node's own address: this host reaches it directly, and other machines that route the subnet
     * through this host reach exactly what the firewall lets in. Nothing is created for it.
     */
    PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        String node = request.node().name();
        for (int port : request.ports()) {
            if (port < 1 || port > 65535) {
                throw new ProviderException("public address " + request.name() + ": port out of range: " + port);
            }
        }
        return dir.locked(() -> {
            PlanDir.MachineSpec spec = dir.machine(node).orElseThrow(() -> new ProviderException(
                    "public address " + request.name() + ": node " + node + " is not built by this provider"));
            PlanDir.PublicSpec p = new PlanDir.PublicSpec(request.name(), node, spec.network(), spec.address(),
                    request.ports());
            dir.putPublic(p);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("kind", "the node's own address (no translation)");
            attributes.put("reachableFrom", "this host, on every port; machines routing " + spec.address()
                    + " through this host, on the ports the firewall allows");
            return new PublicAddressRecord(p.address(), p.name(), p.node(), p.address(), p.ports(), attributes);
        });
    }

    void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        dir.locked(() -> {
            dir.removePublic(address.name());
            return null;
        });
    }

    static Subnet parseSubnet(String cidr) throws ProviderException {
        try {
            return Subnet.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(e.getMessage());
        }
    }
}
