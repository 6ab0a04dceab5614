package io.plumbery.providers.jclouds.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, errors and an interrupted build, against EC2's API replayed on 127.0.0.1. */
class Ec2ResilienceTest {

    private static final List<String> CREATING = List.of("CreateVpc", "CreateSubnet", "CreateSecurityGroup",
            "RunInstances", "CreateInternetGateway", "CreateRouteTable", "AllocateAddress", "CreateTags");

    @TempDir
    Path work;

    @RegisterExtension
    final Ec2Replay ec2 = Ec2Replay.forEachTest();

    @Test
    void throttlingAndUnavailabilityAreTriedAgain() throws Exception {
        ec2.on("DescribeVpcs", "describe-vpcs-empty.xml").on("CreateVpc", "create-vpc.xml")
                .on("CreateTags", "return-true.xml").on("DescribeSubnets", "describe-subnets-empty.xml")
                .on("CreateSubnet", "create-subnet.xml")
                .failOnce("CreateVpc", 400, "error-request-limit.xml")
                .failOnce("DescribeSubnets", 503, "error-unavailable.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            NetworkRecord network = provider.ensureNetwork(Ec2Fixtures.NETWORK);
            assertEquals("vpc-0a1b2c3d4e5f60001", network.id());
        }
        assertEquals(2, ec2.requests("CreateVpc").size(), "refused once for RequestLimitExceeded, then made");
        assertEquals(2, ec2.requests("DescribeSubnets").size(), "503 once, then answered");
        assertEquals(1, ec2.requests("CreateSubnet").size());
    }

    @Test
    void aResourceEc2DoesNotKnowYetIsTaggedOnceItDoes() throws Exception {
        ec2.on("DescribeVpcs", "describe-vpcs-empty.xml").on("CreateVpc", "create-vpc.xml")
                .on("CreateTags", "return-true.xml").on("DescribeSubnets", "describe-subnets.xml")
                .failOnce("CreateTags", 400, "error-vpc-not-found.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            provider.ensureNetwork(Ec2Fixtures.NETWORK);
        }
        assertEquals(1, ec2.requests("CreateVpc").size());
        assertEquals(2, ec2.requests("CreateTags").size(), "EC2 is eventually consistent: tagged on the second try");
    }

    @Test
    void aGroupStillHeldByAnInstanceGoingAwayIsDeletedOnceItIsFree() throws Exception {
        ec2.on("DescribeSecurityGroups", "describe-security-groups.xml").on("DeleteSecurityGroup", "return-true.xml")
                .failOnce("DeleteSecurityGroup", 400, "error-dependency.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            provider.destroyFirewall(new FirewallRecord(null, "web", "web", Ec2Fixtures.RULES, null));
        }
        assertEquals(2, ec2.requests("DeleteSecurityGroup").size());
    }

    @Test
    void throttlingThatLastsFailsAfterBoundedAttempts() throws Exception {
        ec2.on("DescribeVpcs", "describe-vpcs-empty.xml");
        for (int i = 0; i < 5; i++) {
            ec2.failOnce("CreateVpc", 400, "error-request-limit.xml");
        }
        try (Ec2Provider provider = Ec2Provider.open(Ec2Fixtures.settings(ec2, work, Map.of("aws.retries", "3")),
                Ec2Fixtures.ENV::get, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(Ec2Fixtures.NETWORK));
            assertEquals("aws-ec2: creating VPC web (10.77.3.0/24): RequestLimitExceeded: Request limit exceeded. "
                    + "(after 3 attempts)", e.getMessage());
            assertTrue(e.retryable());
        }
        assertEquals(3, ec2.requests("CreateVpc").size());
    }

    @Test
    void anErrorNamesTheResourceAndEc2sReason() throws Exception {
        ec2.on("DescribeVpcs", "describe-vpcs.xml").on("DescribeSubnets", "describe-subnets-empty.xml")
                .failOnce("CreateSubnet", 400, "error-subnet-conflict.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(Ec2Fixtures.NETWORK));
            assertEquals("aws-ec2: creating subnet web (10.77.3.0/24) in vpc-0a1b2c3d4e5f60001: "
                    + "InvalidSubnet.Conflict: The CIDR '10.77.3.0/24' conflicts with another subnet", e.getMessage());
            assertFalse(e.retryable());
        }
        assertEquals(1, ec2.requests("CreateSubnet").size(), "not tried again");
        assertEquals(0, ec2.requests("CreateVpc").size(), "the VPC was found by its tags");
    }

    @Test
    void refusedCredentialsSaySo() throws Exception {
        ec2.failOnce("DescribeVpcs", 401, "error-auth.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.ensureNetwork(Ec2Fixtures.NETWORK));
            assertTrue(e.getMessage().startsWith("aws-ec2: looking for the VPC of network web: credentials refused"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(Ec2Fixtures.SECRET_KEY));
        }
    }

    @Test
    void aResumedBuildFindsEverythingByItsTagsAndMakesNothingTwice() throws Exception {
        ec2.on("DescribeVpcs", "describe-vpcs.xml").on("DescribeSubnets", "describe-subnets.xml")
                .on("DescribeSecurityGroups", "describe-security-groups.xml")
                .on("DescribeInstances", "describe-instances-public.xml")
                .on("DescribeInternetGateways", "describe-internet-gateways.xml")
                .on("DescribeRouteTables", "describe-route-tables.xml")
                .on("DescribeAddresses", "describe-addresses.xml");
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            // the engine recorded each of these as intended (no id) before the build was interrupted
            NetworkRecord network = provider.ensureNetwork(Ec2Fixtures.NETWORK);
            assertEquals("vpc-0a1b2c3d4e5f60001", network.id());
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, Ec2Fixtures.RULES));
            assertEquals("sg-0a1b2c3d4e5f60003", firewall.id());
            NodeRecord node = provider.createNode(Ec2Fixtures.node(network));
            assertEquals("i-0a1b2c3d4e5f60004", node.id());
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("web1-public", node,
                    List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.10", address.address());
        }
        assertEquals(List.of(), ec2.actions().stream().filter(CREATING::contains).toList());
        assertEquals(List.of(), ec2.actions().stream().filter(a -> a.startsWith("Authorize") || a.startsWith("Revoke")
                || a.startsWith("Attach") || a.startsWith("Associate") || a.equals("CreateRoute")).toList());
        assertEquals(List.of(), ec2.unscripted());
    }

    @Test
    void aNodeRunButNotTaggedIsAskedForAgainWithTheSameClientToken() throws Exception {
        NetworkRecord network = Ec2Fixtures.network();
        ec2.on("DescribeInstances", "describe-instances-empty.xml").on("DescribeImages", "describe-images.xml")
                .on("DescribeSecurityGroups", "describe-security-groups.xml").on("RunInstances", "run-instances.xml")
                .on("CreateTags", "return-true.xml").failOnce("CreateTags", 400, "error-subnet-conflict.xml");
        try (Ec2Provider interrupted = Ec2Fixtures.open(ec2, work)) {
            assertThrows(ProviderException.class, () -> interrupted.createNode(Ec2Fixtures.node(network)));
        }
        try (Ec2Provider resumed = Ec2Fixtures.open(ec2, work)) {
            assertEquals("i-0a1b2c3d4e5f60004", resumed.createNode(Ec2Fixtures.node(network)).id());
        }
        List<Ec2Replay.Request> runs = ec2.requests("RunInstances");
        assertEquals(2, runs.size());
        assertEquals(runs.get(0).get("ClientToken"), runs.get(1).get("ClientToken"),
                "EC2 answers the same token with the instance it already made");
    }
}
