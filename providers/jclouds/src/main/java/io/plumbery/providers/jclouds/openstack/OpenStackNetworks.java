package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jclouds.openstack.neutron.v2.domain.ExternalGatewayInfo;
import org.jclouds.openstack.neutron.v2.domain.Network;
import org.jclouds.openstack.neutron.v2.domain.Port;
import org.jclouds.openstack.neutron.v2.domain.Router;
import org.jclouds.openstack.neutron.v2.domain.Subnet;
import org.jclouds.openstack.neutron.v2.extensions.RouterApi;

/**
 * A plan network as Neutron's: a network and one IPv4 subnet with DHCP, both named after it, and, when the project sees
 * an external network, a router of the same name with its gateway there and an interface on the subnet, which gives
 * the nodes their way out and their floating IPs a way in. Each part is looked up by name before it is made; a
 * destroy removes them in reverse order.
 */
final class OpenStackNetworks {

    /** The network's parts as made; {@code routerId} and {@code externalNetworkId} null when there is no router. */
    record Parts(String networkId, String subnetId, String routerId, String externalNetworkId) {
    }

    private final OpenStackScope scope;
    private final NameLocks locks = new NameLocks();

    OpenStackNetworks(OpenStackScope scope) {
        this.scope = scope;
    }

    Parts ensure(String name, String cidr, Optional<Network> external) throws ProviderException {
        return locks.holding(name, () -> {
            Network network = findNetwork(name).orElse(null);
            if (network == null) {
                network = scope.calls().create("creating network " + name, () -> scope.neutron()
                        .getNetworkApi(scope.region()).create(Network.createBuilder(name).adminStateUp(true).build()));
            }
            String networkId = network.getId();
            Subnet subnet = findSubnet(name, networkId).orElse(null);
            if (subnet == null) {
                subnet = scope.calls().create("creating subnet " + name + " (" + cidr + ")", () -> scope.neutron()
                        .getSubnetApi(scope.region()).create(Subnet.createBuilder(networkId, cidr).name(name)
                                .ipVersion(4).enableDhcp(true).build()));
            }
            if (external.isEmpty()) {
                return new Parts(networkId, subnet.getId(), null, null);
            }
            String subnetId = subnet.getId();
            Router router = findRouter(name).orElse(null);
            if (router == null) {
                router = scope.calls().create("creating router " + name + " to external network "
                        + external.get().getName(), () -> routers().create(Router.createBuilder().name(name)
                        .adminStateUp(true).externalGatewayInfo(ExternalGatewayInfo.builder()
                                .networkId(external.get().getId()).build()).build()));
            }
            String routerId = router.getId();
            if (routerPorts(routerId, networkId).isEmpty()) {
                scope.calls().create("adding subnet " + name + " to router " + name,
                        () -> routers().addInterfaceForSubnet(routerId, subnetId));
            }
            return new Parts(networkId, subnetId, routerId, external.get().getId());
        });
    }

    /** Router (its interface first), subnet, network; what is gone already is skipped. */
    void destroy(String name) throws ProviderException {
        Optional<Network> network = findNetwork(name);
        Optional<Router> router = findRouter(name);
        if (router.isPresent()) {
            String routerId = router.get().getId();
            if (network.isPresent()) {
                for (Port port : routerPorts(routerId, network.get().getId())) {
                    scope.calls().remove("taking network " + name + " off router " + name,
                            () -> routers().removeInterfaceForPort(routerId, port.getId()));
                }
            }
            scope.calls().remove("deleting router " + name, () -> routers().delete(routerId));
        }
        if (network.isPresent()) {
            String networkId = network.get().getId();
            Optional<Subnet> subnet = findSubnet(name, networkId);
            if (subnet.isPresent()) {
                scope.calls().remove("deleting subnet " + name, () -> scope.neutron().getSubnetApi(scope.region())
                        .delete(subnet.get().getId()));
            }
            scope.calls().remove("deleting network " + name, () -> scope.neutron().getNetworkApi(scope.region())
                    .delete(networkId));
        }
    }

    Optional<Network> findNetwork(String name) throws ProviderException {
        return networks("looking for network " + name).stream()
                .filter(n -> name.equals(n.getName()) && !Boolean.TRUE.equals(n.getExternal()))
                .min(Comparator.comparing(Network::getId));
    }

    /**
     * The network routers and floating IPs take their addresses from: the one {@code os.external-network} names (by
     * name or id), else the external network the project sees (the first by name when there are several).
     */
    Optional<Network> external(Optional<String> named) throws ProviderException {
        List<Network> external = networks("looking for the external network").stream()
                .filter(n -> Boolean.TRUE.equals(n.getExternal()))
                .sorted(Comparator.comparing(Network::getName)).toList();
        if (named.isPresent()) {
            return Optional.of(external.stream().filter(n -> named.get().equals(n.getId())
                    || named.get().equals(n.getName())).findFirst().orElseThrow(() -> new ProviderException(
                    "openstack: providerSettings " + OpenStackSettings.EXTERNAL_NETWORK + " '" + named.get()
                            + "' is no external network of the project (it sees: " + String.join(", ",
                            external.stream().map(Network::getName).toList()) + ")")));
        }
        return external.stream().findFirst();
    }

    private List<Network> networks(String doing) throws ProviderException {
        return scope.calls().read(doing, () -> scope.neutron().getNetworkApi(scope.region()).list().concat().toList());
    }

    private Optional<Subnet> findSubnet(String name, String networkId) throws ProviderException {
        return scope.calls().read("looking for subnet " + name, () -> scope.neutron().getSubnetApi(scope.region())
                .list().concat().toList()).stream()
                .filter(s -> networkId.equals(s.getNetworkId()) && name.equals(s.getName())).findFirst();
    }

    private Optional<Router> findRouter(String name) throws ProviderException {
        return scope.calls().read("looking for router " + name, () -> routers().list().concat().toList()).stream()
                .filter(r -> name.equals(r.getName())).min(Comparator.comparing(Router::getId));
    }

    private List<Port> routerPorts(String routerId, String networkId) throws ProviderException {
        return scope.calls().read("looking for the router's ports", () -> scope.neutron().getPortApi(scope.region())
                .list().concat().toList()).stream()
                .filter(p -> routerId.equals(p.getDeviceId()) && networkId.equals(p.getNetworkId())).toList();
    }

    private RouterApi routers() throws ProviderException {
        return scope.neutron().getRouterApi(scope.region()).toJavaUtil().orElseThrow(() -> new ProviderException(
                "openstack: the cloud's Neutron has no routers (extension 'router'), which floating IPs need"));
    }
}
