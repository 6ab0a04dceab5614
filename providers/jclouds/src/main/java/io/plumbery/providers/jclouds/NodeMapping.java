package io.plumbery.providers.jclouds;

import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.jclouds.compute.domain.NodeMetadata;

/** Tiny functions between jclouds' {@link NodeMetadata} and plumbery's {@link NodeRecord}. */
final class NodeMapping {

    /** userMetadata keys (tags on most clouds) that let a node be found again by plan, name and network. */
    static final String META_PLAN = "plumbery-plan";
    static final String META_NODE = "plumbery-node";
    static final String META_NETWORK = "plumbery-network";

    private NodeMapping() {
    }

    static NodeStatus status(NodeMetadata.Status status) {
        if (status == null) {
            return NodeStatus.UNRECOGNIZED;
        }
        return switch (status) {
            case RUNNING -> NodeStatus.RUNNING;
            case SUSPENDED -> NodeStatus.STOPPED;
            case TERMINATED -> NodeStatus.GONE;
            case PENDING -> NodeStatus.PENDING;
            case ERROR, UNRECOGNIZED -> NodeStatus.UNRECOGNIZED;
        };
    }

    /**
     * @param previous what the engine knew (attributes and network are kept), or null
     * @param sshUser  the user plumbery logs in as
     */
    static NodeRecord toRecord(NodeMetadata node, String name, String network, String sshUser,
                               Map<String, String> previous) {
        Map<String, String> attributes = new HashMap<>(previous == null ? Map.of() : previous);
        attributes.put("jclouds.status", String.valueOf(node.getStatus()));
        putIfNotNull(attributes, "jclouds.backendStatus", node.getBackendStatus());
        putIfNotNull(attributes, "jclouds.group", node.getGroup());
        putIfNotNull(attributes, "jclouds.imageId", node.getImageId());
        putIfNotNull(attributes, "jclouds.hostname", node.getHostname());
        if (node.getHardware() != null) {
            attributes.put("jclouds.hardwareId", node.getHardware().getId());
        }
        if (node.getLocation() != null) {
            attributes.put("jclouds.location", node.getLocation().getId());
        }
        if (node.getCredentials() != null && node.getCredentials().getUser() != null) {
            attributes.put("jclouds.loginUser", node.getCredentials().getUser());
        }
        String privateAddress = first(node.getPrivateAddresses());
        String publicAddress = first(node.getPublicAddresses());
        String host = publicAddress != null ? publicAddress : privateAddress;
        SshEndpoint ssh = host == null ? null : new SshEndpoint(host, node.getLoginPort(), sshUser, null);
        return new NodeRecord(node.getId(), name, network, status(node.getStatus()), privateAddress, publicAddress,
                ssh, attributes);
    }

    /** jclouds group names are lower-case letters, digits and hyphens on every cloud. */
    static String group(String plan) {
        String group = plan.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return group.isEmpty() ? "plumbery" : group;
    }

    /** The name plumbery knows a node by: the tag it set, else the cloud's name. */
    static String plumberyName(NodeMetadata node) {
        String tagged = node.getUserMetadata().get(META_NODE);
        return tagged != null ? tagged : node.getName();
    }

    private static String first(java.util.Set<String> addresses) {
        return addresses == null || addresses.isEmpty() ? null : new TreeSet<>(addresses).first();
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
