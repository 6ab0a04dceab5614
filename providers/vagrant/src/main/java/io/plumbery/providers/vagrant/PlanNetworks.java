package io.plumbery.providers.vagrant;

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
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.PlanRecords;
import io.plumbery.providers.host.Requests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network side of a plan: one internal Docker network per plan network (with its unreachable route
 * on the host and its way to the package proxy, {@link ProxyForward}), its firewall chain ({@link Firewall})
 * and the public addresses, which are the nodes' own
 * addresses: this host reaches them directly. The plan's directory goes once nothing is left in it.
 */
final class PlanNetworks implements HostProvider.NetworkSide {

    private final VagrantNaming naming;
    private final PlanDir dir;
    private final PlanRecords records;
    private final Docker docker;

    PlanNetworks(VagrantNaming naming, PlanDir dir, Docker docker) {
        this.naming = naming;
        this.dir = dir;
        this.records = dir.records();
        this.docker = docker;
    }

    // ---------------------------------------------------------------- networks

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        Subnet subnet = AddressPlan.parse(request.subnet());
        String dockerNetwork = naming.dockerNetwork(request.name());
        String bridge = naming.bridge(request.name());
        return records.locked(() -> {
            records.recordNames(naming.names());
            HostNetwork.claim(records, request.name(), bridge, subnet);
            Optional<String> existing = docker.networkSubnet(dockerNetwork);
            if (existing.isPresent() && !existing.get().equals(subnet.toString())) {
                throw new ProviderException("Docker network " + dockerNetwork + " exists with subnet " + existing.get()
                        + ", not " + subnet + "; destroy the plan's network first");
            }
            if (existing.isEmpty()) {
                docker.createNetwork(dockerNetwork, bridge, subnet.toString(), AddressPlan.hostAddress(subnet),
                        List.of(VagrantNaming.PLAN_LABEL + "=" + naming.planKey(), VagrantNaming.PROVIDER_LABEL
                                + "=vagrant", VagrantNaming.NETWORK_LABEL + "=" + request.name()));
            }
            ProxyForward.ensure(bridge, subnet);
            return new NetworkRecord(dockerNetwork, request.name(), subnet.toString(), Map.of(
                    "dockerNetwork", dockerNetwork,
                    "bridge", bridge,
                    "hostAddress", AddressPlan.hostAddress(subnet),
                    "internal", "yes: nodes reach each other and this host; Docker drops what they start "
                            + "towards anything else",
                    "packageProxy", AddressPlan.hostAddress(subnet) + ":" + PackageProxy.PORT,
                    "unreachableRoute", HostNetwork.unreachableRoute(subnet)));
        });
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        records.locked(() -> {
            Firewall.remove(naming.chain(network.name()), naming.bridge(network.name()));
            ProxyForward.remove(naming.bridge(network.name()));
            docker.removeNetwork(naming.dockerNetwork(network.name()));
            String subnet = records.network(network.name()).map(PlanRecords.NetworkSpec::subnet)
                    .orElse(network.subnet());
            if (subnet != null) {
                HostNetwork.removeUnreachableRoute(Subnet.parse(subnet));
            }
            records.forgetNetwork(network.name());
            dir.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- firewall

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        Requests.checkRules(request, rule -> checkRule(request, rule));
        String network = request.network().name();
        String chain = naming.chain(network);
        String bridge = naming.bridge(network);
        return records.locked(() -> {
            records.recordFirewall(request);
            Firewall.apply(naming.plan(), chain, bridge, request.rules());
            return new FirewallRecord(chain, request.name(), network, request.rules(), Map.of(
                    "iptablesChain", chain,
                    "hookedFrom", Firewall.HOOK_CHAIN + " for traffic forwarded to and from " + bridge,
                    "scope", "connections into the network through this host; this host itself reaches every "
                            + "port of its nodes directly"));
        });
    }

    private static void checkRule(FirewallRequest request, FirewallRule rule) throws ProviderException {
        if (rule.protocol() == FirewallRule.Protocol.ANY) {
            // said before anything changes, rather than written as a rule that nothing routes to
            throw new ProviderException("firewall " + request.name() + ": rule " + rule.name() + " comes from an"
                    + " 'accept' list, which the vagrant provider cannot honour yet: its networks are internal"
                    + " Docker networks with no route between them. Put the nodes on one network, or use the"
                    + " local provider.");
        }
        Firewall.cidr(rule.source(), "");
        Firewall.cidr(rule.destination(), "");
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        records.locked(() -> {
            Firewall.remove(naming.chain(firewall.network()), naming.bridge(firewall.network()));
            records.removeFirewall(firewall.network());
            dir.removeIfEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- public addresses

    /**
     * The node's own address: this host reaches it directly, and other machines that route the subnet
     * through this host reach exactly what the firewall lets in. Nothing is created for it.
     */
    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        return records.locked(() -> {
            PlanDir.MachineSpec spec = dir.machine(request.node().name())
                    .orElseThrow(() -> Requests.nodeNotBuilt(request));
            PlanRecords.PublicSpec p = new PlanRecords.PublicSpec(request.name(), spec.name(), spec.network(),
                    spec.address(), spec.address(), request.ports());
            records.putPublic(p);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("kind", "the node's own address (no translation)");
            attributes.put("reachableFrom", "this host, on every port; machines routing " + spec.address()
                    + " through this host, on the ports the firewall allows");
            return new PublicAddressRecord(p.address(), p.name(), p.node(), p.address(), p.ports(), attributes);
        });
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        records.locked(() -> {
            records.removePublic(address.name());
            dir.removeIfEmpty();
            return null;
        });
    }
}
