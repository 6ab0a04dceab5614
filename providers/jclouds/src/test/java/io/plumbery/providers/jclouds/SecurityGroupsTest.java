package io.plumbery.providers.jclouds;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.FirewallRule.Protocol;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import org.jclouds.compute.domain.SecurityGroup;
import org.jclouds.net.domain.IpPermission;
import org.jclouds.net.domain.IpProtocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecurityGroupsTest {

    private static IpPermission permission(IpProtocol protocol, int from, int to, String source) {
        return IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to).cidrBlock(source).build();
    }

    @Test
    void eachRuleIsAPermissionOfItsProtocolAndRange() {
        assertEquals(permission(IpProtocol.TCP, 22, 22, "0.0.0.0/0"),
                SecurityGroups.permission(new FirewallRule("w1-tcp-22", Protocol.TCP, 22, "0.0.0.0/0", "10.0.0.5")));
        assertEquals(permission(IpProtocol.TCP, 8000, 8010, "0.0.0.0/0"), SecurityGroups.permission(
                new FirewallRule("w1-tcp-8000-8010", Protocol.TCP, 8000, 8010, "0.0.0.0/0", "10.0.0.5")));
        assertEquals(permission(IpProtocol.UDP, 16384, 32768, "0.0.0.0/0"), SecurityGroups.permission(
                new FirewallRule("w1-udp-16384-32768", Protocol.UDP, 16384, 32768, null, "10.0.0.5")));
        assertEquals(permission(IpProtocol.ICMP, 8, -1, "0.0.0.0/0"),
                SecurityGroups.permission(FirewallRule.icmp("w1-icmp", "0.0.0.0/0", "10.0.0.5")), "echo request, any code");
        assertEquals(permission(IpProtocol.ALL, 0, 65535, "10.77.2.0/24"),
                SecurityGroups.permission(FirewallRule.everything("accept-db", "10.77.2.0/24", "10.77.1.0/24")));
    }

    @Test
    void theStubsGroupHoldsThemAll() throws Exception {
        try (JcloudsProvider provider = Stubs.open("rules", Stubs.freshIdentity())) {
            NetworkRecord network = provider.ensureNetwork(new NetworkRequest("rules-web", null, "web", "10.0.0.0/24"));
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("rules-web-fw", network, List.of(
                    new FirewallRule("w1-udp-137-138", Protocol.UDP, 137, 138, "0.0.0.0/0", "10.0.0.5"),
                    FirewallRule.icmp("w1-icmp", "0.0.0.0/0", "10.0.0.5"))));
            SecurityGroup group = provider.computeService().getSecurityGroupExtension().get()
                    .getSecurityGroupById(firewall.id());
            assertEquals(Set.of(permission(IpProtocol.UDP, 137, 138, "0.0.0.0/0"),
                    permission(IpProtocol.ICMP, 8, -1, "0.0.0.0/0")), Set.copyOf(group.getIpPermissions()));
        }
    }
}
