package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.SecurityGroups;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jclouds.aws.ec2.AWSEC2Api;
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

    private final AWSEC2Api api;
    private final String region;
    private final Ec2Tags tags;
    private final Ec2Calls calls;
    private final Ec2Tagging tagging;
    /** A network's nodes are made in parallel, each asking for its group: one makes it, the others find it. */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    Ec2Firewalls(AWSEC2Api api, String region, Ec2Tags tags, Ec2Calls calls, Ec2Tagging tagging) {
        this.api = api;
        this.region = region;
        this.tags = tags;
        this.calls = calls;
        this.tagging = tagging;
    }

    /** The group's name: unique within its VPC, readable in the console. */
    static String groupName(String plan, String network) {
        return plan + "-" + network;
    }

    /** The network's group, made (without rules) when missing; its id. */
    String ensureGroup(String plan, String network, String vpcId) throws ProviderException {
        synchronized (locks.computeIfAbsent(network, key -> new Object())) {
            return ensureGroupLocked(plan, network, vpcId);
        }
    }

    private String ensureGroupLocked(String plan, String network, String vpcId) throws ProviderException {
        Optional<SecurityGroup> found = find(network);
        if (found.isPresent()) {
            return found.get().getId();
        }
        String name = groupName(plan, network);
        String id = calls.creating("creating security group " + name + " of network " + network + " in " + vpcId,
                () -> groups().createSecurityGroupInRegionAndReturnId(region, name,
                        "plumbery plan " + plan + ", network " + network, new CreateSecurityGroupOptions().vpcId(vpcId)));
        tagging.tag(id, KIND, network);
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
            calls.idempotent("revoking " + revoke.size() + " rule(s) of firewall " + network, () -> {
                groups().revokeSecurityGroupIngressInRegion(region, groupId, revoke);
                return null;
            });
        }
        if (!authorize.isEmpty()) {
            calls.justMade("authorizing " + authorize.size() + " rule(s) of firewall " + network, () -> {
                groups().authorizeSecurityGroupIngressInRegion(region, groupId, authorize);
                return null;
            });
        }
        return wanted.size();
    }

    void destroy(String network) throws ProviderException {
        Optional<SecurityGroup> group = find(network);
        if (group.isPresent()) {
            calls.removing("deleting security group " + group.get().getId() + " of firewall " + network, () -> {
                groups().deleteSecurityGroupInRegionById(region, group.get().getId());
                return null;
            });
        }
    }

    Optional<SecurityGroup> find(String network) throws ProviderException {
        return calls.idempotent("looking for the security group of network " + network, () -> groups()
                .describeSecurityGroupsInRegionWithFilter(region, tags.filter(KIND, network)).stream().findFirst());
    }

    private AWSSecurityGroupApi groups() {
        return api.getSecurityGroupApiForRegion(region).get();
    }
}
