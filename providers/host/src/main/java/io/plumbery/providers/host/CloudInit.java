package io.plumbery.providers.host;

import io.plumbery.providers.SshIdentity;

/** The NoCloud seed and network file a node boots with. */
public final class CloudInit {

    private CloudInit() {
    }

    public static String metaData(String node, String instanceId) {
        return "instance-id: " + quote(instanceId) + "\nlocal-hostname: " + quote(node) + "\n";
    }

    /**
     * The node's user-data: the plan's own when it has one, otherwise a minimal cloud-config that lets the
     * plan's key in as the plan's user (with password-less sudo) and as root.
     */
    public static String userData(String requested, SshIdentity identity) {
        if (requested != null && !requested.isBlank()) {
            return requested.endsWith("\n") ? requested : requested + "\n";
        }
        String key = quote(identity.publicKey().trim());
        StringBuilder out = new StringBuilder("#cloud-config\n");
        if (!identity.user().equals("root")) {
            out.append("users:\n")
                    .append("  - name: ").append(quote(identity.user())).append('\n')
                    .append("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n")
                    .append("    shell: /bin/bash\n")
                    .append("    lock_passwd: true\n")
                    .append("    ssh_authorized_keys:\n")
                    .append("      - ").append(key).append('\n');
        }
        out.append("disable_root: false\n")
                .append("ssh_authorized_keys:\n")
                .append("  - ").append(key).append('\n');
        return out.toString();
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
