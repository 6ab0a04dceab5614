package io.plumbery.providers.jclouds.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.Providers;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What EC2 cannot express is refused in the plan's words before anything is asked of EC2; the tables are fixed. */
class Ec2ChecksTest {

    @TempDir
    Path work;

    @Test
    void theFactoryIsFoundAndRefusesSubnetsEc2CannotMakeAtPlanTime() {
        ProviderFactory factory = Providers.discover().all().get("aws-ec2");
        assertEquals(Ec2ProviderFactory.class, factory.getClass());
        assertEquals(Optional.of("subnet 10.0.0.0/8: EC2 VPCs and subnets are /16 to /28"),
                factory.publicAddressesRefused("10.0.0.0/8"));
        assertEquals(Optional.of("subnet 10.0.0.0/30: EC2 VPCs and subnets are /16 to /28"),
                factory.publicAddressesRefused("10.0.0.0/30"));
        assertEquals(Optional.empty(), factory.publicAddressesRefused("10.77.3.0/24"));
    }

    @Test
    void instanceTypesAreTheSmallestOfTheTableThatFits() {
        assertEquals("t3.nano", InstanceTypes.smallestFitting(1, 256).orElseThrow().name());
        assertEquals("t3.small", InstanceTypes.smallestFitting(2, 2048).orElseThrow().name());
        assertEquals("t3.medium", InstanceTypes.smallestFitting(2, 4096).orElseThrow().name());
        assertEquals("t3.xlarge", InstanceTypes.smallestFitting(4, 4096).orElseThrow().name());
        assertEquals("m6i.4xlarge", InstanceTypes.smallestFitting(16, 1024).orElseThrow().name());
        assertEquals(Optional.empty(), InstanceTypes.smallestFitting(129, 1024));
    }

    @Test
    void appliancesAreLookedUpInTheTableWhateverTheirCase() {
        assertEquals(Ec2Images.DEBIAN, Ec2Images.lookup(" debian  12").orElseThrow().owner());
        assertEquals("debian-12-amd64-*", Ec2Images.lookup("Debian 12").orElseThrow().namePattern());
        assertEquals(Ec2Images.CANONICAL, Ec2Images.lookup("Ubuntu 22.04").orElseThrow().owner());
        assertEquals(Optional.empty(), Ec2Images.lookup("Windows Server 2019"));
    }

    @Test
    void aNodeEc2CannotMakeIsRefusedBeforeAnyCallNamingTheKeys() throws Exception {
        try (Ec2Replay ec2 = new Ec2Replay(); Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            NodeRequest tooBig = new NodeRequest("db1", Ec2Fixtures.network(), 200, 4096,
                    Collections.nCopies(12, 100), "Windows Server 2019", "");
            ProviderException e = assertThrows(ProviderException.class, () -> provider.createNode(tooBig));
            assertTrue(e.getMessage().contains("node db1: cpu 200 is more than the largest instance type"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("appliance 'Windows Server 2019' has no AMI in the aws-ec2 table "
                    + "(Debian 12, Debian 11, Ubuntu 22.04, Ubuntu 24.04)"), e.getMessage());
            assertTrue(e.getMessage().contains("disks: 12 further disks"), e.getMessage());
            assertEquals(List.of(), ec2.requests(), "nothing asked of EC2");
        }
    }

    @Test
    void aRegionThatIsNotOneIsRefusedNamingTheKey() throws Exception {
        try (Ec2Replay ec2 = new Ec2Replay()) {
            ProviderException e = assertThrows(ProviderException.class, () -> Ec2Provider.open(
                    Ec2Fixtures.settings(ec2, work, java.util.Map.of("location", "local")), Ec2Fixtures.ENV::get, work));
            assertEquals("aws-ec2: locationId 'local' is not an AWS region (eu-west-3, us-east-1...)", e.getMessage());
        }
    }
}
