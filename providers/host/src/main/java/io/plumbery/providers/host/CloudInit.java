package io.plumbery.providers.host;

import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;

/** The NoCloud seed and network file a node boots with. */
public final class CloudInit {

    private CloudInit() {
    }

    public static String metaData(String node, String instanceId) {
        return "instance-id: " + quote(instanceId) + "\nlocal-hostname: " + quote(node) + "\n";
    }

    /**
     * The node's user-data, as the engine rendered it (the login user and its key); a request without any is
     * refused, since a node booted without it could not be reached.
     */
    public static String userData(NodeRequest request) throws ProviderException {
        String given = request.userData();
        if (given.isBlank()) {
            throw new ProviderException("node " + request.name() + ": the request carries no user-data; nodes boot "
                    + "with the first-boot user-data the engine renders (the login user and the plan's key)");
        }
        return given.endsWith("\n") ? given : given + "\n";
    }

    /**
     * A systemd-networkd file for the container's {@code host0}: a static address, and the host's side of the bridge
     * as gateway. The host forwards only what a network's {@code accept} list allows (from other networks of the
     * plan) and refuses everything else at once, so the route reaches no further than the plan says.
     */
    public static String networkFile(String address, int prefix, String gateway) {
        return "[Match]\nName=host0\n\n[Network]\nAddress=" + address + "/" + prefix + "\nGateway=" + gateway
                + "\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n";
    }

    /** A double-quoted YAML scalar. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
