package io.plumbery.providers;

import io.plumbery.node.ssh.SshEndpoint;

import java.util.Map;

/**
 * A node as built. {@code id} is the provider's own identifier, null while only intended.
 */
public record NodeRecord(String id, String name, String network, NodeStatus status, String privateAddress,
                         String publicAddress, SshEndpoint ssh, Map<String, String> attributes) {
    public NodeRecord {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static NodeRecord intended(NodeRequest request) {
        return new NodeRecord(null, request.name(), request.network().name(), NodeStatus.PENDING, null, null, null,
                Map.of());
    }

    public NodeRecord withStatus(NodeStatus newStatus) {
        return new NodeRecord(id, name, network, newStatus, privateAddress, publicAddress, ssh, attributes);
    }

    public NodeRecord withPublicAddress(String address) {
        return new NodeRecord(id, name, network, status, privateAddress, address, ssh, attributes);
    }
}
