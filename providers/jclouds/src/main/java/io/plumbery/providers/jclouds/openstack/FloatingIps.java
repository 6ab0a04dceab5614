package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderException;

import java.util.Comparator;
import java.util.Optional;

import org.jclouds.openstack.neutron.v2.domain.FloatingIP;
import org.jclouds.openstack.neutron.v2.domain.Port;
import org.jclouds.openstack.neutron.v2.features.FloatingIPApi;

/**
 * A node's public address as a Neutron floating IP from the external network, made on the port of the node's server
 * in one call, so that the floating IP of a port is found again by that port: a node has at most one.
 */
final class FloatingIps {

    private final OpenStackScope scope;

    FloatingIps(OpenStackScope scope) {
        this.scope = scope;
    }

    FloatingIP ensure(String node, String serverId, String externalNetworkId) throws ProviderException {
        Port port = port(node, serverId).orElseThrow(() -> new ProviderException("openstack: node " + node
                + " (server " + serverId + ") has no port on its network yet", true, null));
        Optional<FloatingIP> existing = ofPort(node, port.getId());
        if (existing.isPresent()) {
            return existing.get();
        }
        return scope.calls().create("allocating a floating IP for node " + node, () -> floatingIps().create(
                FloatingIP.createBuilder(externalNetworkId).portId(port.getId()).build()));
    }

    /** By its id when recorded, else the one on the node's port; what is gone already is done. */
    void release(String id, String node, Optional<String> serverId) throws ProviderException {
        Optional<String> toDelete = Optional.ofNullable(id);
        if (toDelete.isEmpty() && serverId.isPresent()) {
            Optional<Port> port = port(node, serverId.get());
            if (port.isPresent()) {
                toDelete = ofPort(node, port.get().getId()).map(FloatingIP::getId);
            }
        }
        if (toDelete.isPresent()) {
            String floatingIp = toDelete.get();
            scope.calls().remove("releasing the floating IP of node " + node + " (" + floatingIp + ")",
                    () -> floatingIps().delete(floatingIp));
        }
    }

    private Optional<FloatingIP> ofPort(String node, String portId) throws ProviderException {
        return scope.calls().read("looking for the floating IP of node " + node, () -> floatingIps().list().concat()
                .toList()).stream().filter(f -> portId.equals(f.getPortId())).min(Comparator.comparing(FloatingIP::getId));
    }

    private Optional<Port> port(String node, String serverId) throws ProviderException {
        return scope.calls().read("looking for the port of node " + node, () -> scope.neutron()
                .getPortApi(scope.region()).list().concat().toList()).stream()
                .filter(p -> serverId.equals(p.getDeviceId())).min(Comparator.comparing(Port::getId));
    }

    private FloatingIPApi floatingIps() {
        return scope.neutron().getFloatingIPApi(scope.region());
    }
}
