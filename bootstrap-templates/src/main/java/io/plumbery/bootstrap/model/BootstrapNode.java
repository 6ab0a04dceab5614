package io.plumbery.bootstrap.model;

import io.plumbery.node.ssh.SshEndpoint;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One node as the bootstrap stage sees it: what the plan says (name, roles, sizing, its own
 * {@code cloud-config} block, placeholders already resolved) plus what the build learned (addresses, SSH).
 *
 * @param publicAddress null when the node has none
 * @param cloudConfig   the node's own block from the plan; empty when it has none
 */
public record BootstrapNode(String name, Set<Role> roles, String privateAddress, String publicAddress,
                            SshEndpoint ssh, Map<String, Object> cloudConfig, int cpu, int memoryMb) {

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** IPv4, IPv6 or a DNS name: what may go into /etc/hosts, env files and URLs unquoted. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

    public BootstrapNode {
        Objects.requireNonNull(name, "name");
        if (!HOSTNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name '" + name + "' is not a valid host name");
        }
        Objects.requireNonNull(privateAddress, "privateAddress of " + name);
        checkAddress(name, "privateAddress", privateAddress);
        if (publicAddress != null && !publicAddress.isBlank()) {
            checkAddress(name, "publicAddress", publicAddress);
        }
        Objects.requireNonNull(ssh, "ssh of " + name);
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        cloudConfig = cloudConfig == null ? Map.of() : cloudConfig;
        if (cpu < 1) {
            throw new IllegalArgumentException("cpu of " + name + " must be at least 1, got " + cpu);
        }
        if (memoryMb < 256) {
            throw new IllegalArgumentException("memoryMb of " + name + " must be at least 256, got " + memoryMb);
        }
    }

    private static void checkAddress(String node, String what, String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(what + " of " + node + " is not an address: '" + address + "'");
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Debian's and Docker's own package names of a Docker engine. */
    private static final Set<String> DOCKER_PACKAGES = Set.of("docker.io", "docker-ce");

    /**
     * Whether the node's cloud-config installs a Docker engine: then its agent turns its Docker containerizer on,
     * and Marathon sends Docker apps there.
     */
    public boolean installsDocker() {
        return cloudConfig.get("packages") instanceof java.util.Collection<?> packages
                && packages.stream().anyMatch(p -> DOCKER_PACKAGES.contains(String.valueOf(p)));
    }

    /** The public address if the node has one, else the private one. */
    public String reachableAddress() {
        return publicAddress != null && !publicAddress.isBlank() ? publicAddress : privateAddress;
    }
}
