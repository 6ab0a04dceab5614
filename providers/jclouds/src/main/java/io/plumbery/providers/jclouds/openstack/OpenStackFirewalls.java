package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jclouds.openstack.neutron.v2.domain.Rule;
import org.jclouds.openstack.neutron.v2.domain.RuleDirection;
import org.jclouds.openstack.neutron.v2.domain.RuleEthertype;
import org.jclouds.openstack.neutron.v2.domain.RuleProtocol;
import org.jclouds.openstack.neutron.v2.domain.SecurityGroup;
import org.jclouds.openstack.neutron.v2.features.SecurityGroupApi;

/**
 * A plan network's firewall as one Neutron security group, named after the network and marked in its description,
 * that every node of the network joins. Its IPv4 ingress rules are exactly the plan's: TCP/UDP port ranges, ICMP echo
 * requests (type 8), everything from an accepted network; the egress rules Neutron gives a new group (everything out)
 * are left as they are. Security groups filter by source only: a rule's destination is the whole network.
 */
final class OpenStackFirewalls {

    static final String KIND = "firewall";

    /** A rule as Neutron keeps it, to compare the plan's with the group's. */
    record Key(RuleProtocol protocol, Integer min, Integer max, String source) {

        static Key of(FirewallRule rule) {
            return switch (rule.protocol()) {
                case TCP -> new Key(RuleProtocol.TCP, rule.firstPort(), rule.lastPort(), rule.source());
                case UDP -> new Key(RuleProtocol.UDP, rule.firstPort(), rule.lastPort(), rule.source());
                // ICMP's type and code travel in the port fields: type 8 (echo request), any code
                case ICMP -> new Key(RuleProtocol.ICMP, 8, null, rule.source());
                case ANY -> new Key(null, null, null, rule.source());
            };
        }

        static Key of(Rule rule) {
            return new Key(rule.getProtocol(), rule.getPortRangeMin(), rule.getPortRangeMax(), rule.getRemoteIpPrefix());
        }
    }

    private final OpenStackScope scope;
    private final NameLocks locks = new NameLocks();

    OpenStackFirewalls(OpenStackScope scope) {
        this.scope = scope;
    }

    /** The network's group, made when it is not there. */
    SecurityGroup ensureGroup(String network) throws ProviderException {
        return locks.holding(network, () -> {
            Optional<SecurityGroup> found = find(network);
            if (found.isPresent()) {
                return found.get();
            }
            return scope.calls().create("creating security group " + network, () -> groups().create(
                    SecurityGroup.createBuilder().name(network)
                            .description(scope.marks().description(KIND, network)).build()));
        });
    }

    /** Makes the group's ingress rules the plan's; returns how many it has. */
    int reconcile(SecurityGroup group, List<FirewallRule> rules) throws ProviderException {
        Set<Key> wanted = new LinkedHashSet<>();
        rules.forEach(r -> wanted.add(Key.of(r)));
        Set<Key> present = new LinkedHashSet<>();
        for (Rule rule : group.getRules()) {
            if (rule.getDirection() != RuleDirection.INGRESS || rule.getEthertype() != RuleEthertype.IPV4) {
                continue;
            }
            Key key = Key.of(rule);
            if (!wanted.contains(key) || !present.add(key)) {
                scope.calls().remove("removing a rule of security group " + group.getName() + " (" + describe(key)
                        + ")", () -> groups().deleteRule(rule.getId()));
            }
        }
        for (Key key : wanted) {
            if (!present.contains(key)) {
                scope.calls().create("adding a rule to security group " + group.getName() + " (" + describe(key) + ")",
                        () -> groups().create(Rule.createBuilder(RuleDirection.INGRESS, group.getId())
                                .ethertype(RuleEthertype.IPV4).protocol(key.protocol()).portRangeMin(key.min())
                                .portRangeMax(key.max()).remoteIpPrefix(key.source()).build()));
            }
        }
        return wanted.size();
    }

    void destroy(String network) throws ProviderException {
        Optional<SecurityGroup> group = find(network);
        if (group.isPresent()) {
            scope.calls().remove("deleting security group " + network,
                    () -> groups().deleteSecurityGroup(group.get().getId()));
        }
    }

    /** The plan's group of this network; another's of the same name is never used. */
    Optional<SecurityGroup> find(String network) throws ProviderException {
        String mark = scope.marks().description(KIND, network);
        return scope.calls().read("looking for security group " + network, () -> groups().listSecurityGroups()
                .concat().toList()).stream()
                .filter(g -> network.equals(g.getName()) && mark.equals(g.getDescription()))
                .min(Comparator.comparing(SecurityGroup::getId));
    }

    private static String describe(Key key) {
        String what = key.protocol() == null ? "everything"
                : key.protocol() == RuleProtocol.ICMP ? "icmp echo"
                : key.protocol().toString() + " " + key.min() + (key.min().equals(key.max()) ? "" : "-" + key.max());
        return what + " from " + key.source();
    }

    private SecurityGroupApi groups() {
        return scope.neutron().getSecurityGroupApi(scope.region());
    }
}
