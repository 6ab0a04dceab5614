package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Clouds whose nodes nothing would guard are refused at plan, asked of jclouds itself (no call leaves this host). */
class FirewallSupportTest {
    private final JcloudsProviderFactory factory = new JcloudsProviderFactory();

    @Test
    void aCloudWithSecurityGroupsIsNotRefused() {
        assertEquals(Optional.empty(), factory.firewallsRefused(Map.of("jclouds.provider", "stub")));
        assertTrue(FirewallSupport.securityGroups("stub"));
    }

    @Test
    void aCloudWithoutSecurityGroupsIsRefusedNamingIt() {
        // jclouds' byon api: machines listed in a file, no security groups
        String why = factory.firewallsRefused(Map.of("jclouds.provider", "byon")).orElseThrow();
        assertTrue(why.startsWith("jclouds has no security groups for 'byon'"), why);
    }

    @Test
    void nodesThatJoinNoGroupAreRefusedToo() {
        String why = factory.firewallsRefused(Map.of("jclouds.provider", "openstack-nova",
                "jclouds.attach-security-groups", "false")).orElseThrow();
        assertTrue(why.startsWith("jclouds.attach-security-groups is false"), why);
    }
}
