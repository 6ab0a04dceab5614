package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;
import io.plumbery.providers.jclouds.SecurityGroups;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jclouds.aws.ec2.features.AWSSecurityGroupApi;
import org.jclouds.aws.ec2.options.CreateSecurityGroupOptions;
import org.jclouds.ec2.domain.SecurityGroup;
import org.jclouds.net.domain.IpPermission;
import org.jclouds.net.domain.IpProtocol;

/**
 * A network's firewall as one VPC security group that all its nodes join: its inbound rules made exactly the plan's
 * (TCP and UDP port ranges, ICMP echo requests, everything from an accepted network), one rule per source CIDR.
 * Security groups filter by source only: a rule's destination is the whole network.
 */
final class Ec2Firewalls {

    static final String KIND = "firewall";

    /** One inbound grant as EC2 lists it: a protocol, its port range (ICMP: type and code), one source. */
    record Grant(IpProtocol protocol, int from, int to, String cidr) {
        static Grant of(FirewallRule rule) {
            IpPermission p = SecurityGroups.permission(rule);
            return normal(p.getIpProtocol(), p.getFromPort(), p.getToPort(), p.getCidrBlocks().iterator().next());
        }

        /** EC2 lists "all protocols" without ports; a plan's ANY rule has 0..65535: both are the same grant. */
        static Grant normal(IpProtocol protocol, int from, int to, String cidr) {
            return protocol == IpProtocol.ALL ? new Grant(protocol, 0, 0, cidr) : new Grant(protocol, from, to, cidr);
        }

        IpPermission permission() {
            return IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to).cidrBlock(cidr).build();
        }
    }

    private final Ec2Scope scope;
    /** A network's nodes are made in parallel, each asking for its group: one makes it, the others find it. */
    private final NameLocks locks = new NameLocks();

    Ec2Firewalls(Ec2Scope scope) {
        this.scope = scope;
    }

    /** The group's name: unique within its VPC, readable in the console. */
    static String groupName(String plan, String network) {
        return plan + "-" + network;
    }

    /** The network's group, made (without rules) when missing; its id. */
    String ensureGroup(String plan, String network, String vpcId) throws ProviderException {
        return locks.holding(network, () -> ensureGroupLocked(plan, network, vpcId));
    }

    private String ensureGroupLocked(String plan, String network, String vpcId) throws ProviderException {
        Optional<SecurityGroup> found = find(network);
        if (found.isPresent()) {
            return found.get().getId();
        }
        String name = groupName(plan, network);
        String id = scope.calls().creating("creating security group " + name + " of network " + network + " in "
                + vpcId, () -> groups().createSecurityGroupInRegionAndReturnId(scope.region(), name,
                        "plumbery plan " + plan + ", network " + network, new CreateSecurityGroupOptions().vpcId(vpcId)));
        scope.tagging().tag(id, KIND, network);
        return id;
    }

    /** Revokes the grants the plan no longer asks for, authorizes the missing ones; returns how many there are. */
    int reconcile(String network, String groupId, List<FirewallRule> rules) throws ProviderException {
        Set<Grant> wanted = new LinkedHashSet<>();
        rules.forEach(rule -> wanted.add(Grant.of(rule)));
        Set<Grant> current = new LinkedHashSet<>();
        find(network).ifPresent(group -> group.forEach(p -> p.getCidrBlocks().forEach(cidr ->
                current.add(Grant.normal(p.getIpProtocol(), p.getFromPort(), p.getToPort(), cidr)))));
        List<IpPermission> revoke = current.stream().filter(g -> !wanted.contains(g)).map(Grant::permission).toList();
        List<IpPermission> authorize = wanted.stream().filter(g -> !current.contains(g)).map(Grant::permission)
                .toList();
        if (!revoke.isEmpty()) {
            scope.calls().idempotent("revoking " + revoke.size() + " rule(s) of firewall " + network, () -> {
                groups().revokeSecurityGroupIngressInRegion(scope.region(), groupId, revoke);
                return null;
            });
        }
        if (!authorize.isEmpty()) {
            scope.calls().justMade("authorizing " + authorize.size() + " rule(s) of firewall " + network, () -> {
                groups().authorizeSecurityGroupIngressInRegion(scope.region(), groupId, authorize);
                return null;
            });
        }
        return wanted.size();
    }

    void destroy(String network) throws ProviderException {
        Optional<SecurityGroup> group = find(network);
        if (group.isPresent()) {
            scope.calls().removing("deleting security group " + group.get().getId() + " of firewall " + network, () -> {
                groups().deleteSecurityGroupInRegionById(scope.region(), group.get().getId());
                return null;
            });
        }
    }

    Optional<SecurityGroup> find(String network) throws ProviderException {
        return scope.calls().idempotent("looking for the security group of network " + network, () -> groups()
                .describeSecurityGroupsInRegionWithFilter(scope.region(), scope.tags().filter(KIND, network)).stream()
                .findFirst());
    }

    private AWSSecurityGroupApi groups() {
        return scope.api().getSecurityGroupApiForRegion(scope.region()).get();
    }
}
