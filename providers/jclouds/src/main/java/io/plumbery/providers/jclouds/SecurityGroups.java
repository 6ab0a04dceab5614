package io.plumbery.providers.jclouds;

import io.plumbery.providers.FirewallRule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jclouds.compute.domain.SecurityGroup;
import org.jclouds.compute.extensions.SecurityGroupExtension;
import org.jclouds.domain.Location;
import org.jclouds.net.domain.IpPermission;
import org.jclouds.net.domain.IpProtocol;

/**
 * One security group per blueprint network, through jclouds' portable {@link SecurityGroupExtension}: found by
 * name, created when missing, its inbound permissions reconciled to exactly the requested rules.
 */
public final class SecurityGroups {

    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ANY_ICMP_CODE = -1;

    private final SecurityGroupExtension extension;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    SecurityGroups(SecurityGroupExtension extension) {
        this.extension = extension;
    }

    /** The group's name for a network: the network name, prefixed by the plan's group when it lacks it. */
    static String nameFor(String group, String network) {
        String name = NodeMapping.group(network);
        return name.startsWith(group) ? name : group + "-" + name;
    }

    Optional<SecurityGroup> find(String id, String name) {
        if (id != null) {
            SecurityGroup byId = extension.getSecurityGroupById(id);
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        return extension.listSecurityGroups().stream()
                .filter(group -> matches(group.getName(), name))
                .min((a, b) -> a.getId().compareTo(b.getId()));
    }

    /** Clouds decorate names (EC2: {@code jclouds#name}); match the plain name or a decorated one. */
    private static boolean matches(String actual, String wanted) {
        return actual != null && (actual.equals(wanted) || actual.endsWith("#" + wanted)
                || actual.endsWith("-" + wanted) && actual.startsWith("jclouds"));
    }

    SecurityGroup ensure(String name, Location location) {
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            return find(null, name).orElseGet(() -> extension.createSecurityGroup(name, location));
        }
    }

    /** Removes permissions not asked for, adds the missing ones; returns the group as it now is. */
    SecurityGroup reconcile(SecurityGroup group, List<FirewallRule> rules) {
        synchronized (locks.computeIfAbsent(group.getName(), key -> new Object())) {
            Set<IpPermission> wanted = new LinkedHashSet<>();
            for (FirewallRule rule : rules) {
                wanted.add(permission(rule));
            }
            SecurityGroup current = group;
            for (IpPermission existing : Set.copyOf(current.getIpPermissions())) {
                if (!wanted.contains(existing)) {
                    current = extension.removeIpPermission(existing, current);
                }
            }
            for (IpPermission permission : wanted) {
                if (!current.getIpPermissions().contains(permission)) {
                    current = extension.addIpPermission(permission, current);
                }
            }
            return current;
        }
    }

    boolean remove(SecurityGroup group) {
        return extension.removeSecurityGroup(group.getId());
    }

    /**
     * A rule as a permission: TCP and UDP with their port range; ICMP as echo requests (clouds that follow EC2 put
     * the ICMP type where the first port goes, the code where the last one goes, -1 for any); ANY as everything.
     */
    public static IpPermission permission(FirewallRule rule) {
        String source = rule.source() == null || rule.source().isBlank() ? "0.0.0.0/0" : rule.source();
        IpPermission.Builder permission = IpPermission.builder().cidrBlock(source);
        return switch (rule.protocol()) {
            case ANY -> permission.ipProtocol(IpProtocol.ALL).fromPort(0).toPort(65535).build();
            case ICMP -> permission.ipProtocol(IpProtocol.ICMP).fromPort(ICMP_ECHO_REQUEST).toPort(ANY_ICMP_CODE).build();
            case TCP, UDP -> permission.ipProtocol(rule.protocol() == FirewallRule.Protocol.UDP ? IpProtocol.UDP
                    : IpProtocol.TCP).fromPort(rule.firstPort()).toPort(rule.lastPort()).build();
        };
    }
}
