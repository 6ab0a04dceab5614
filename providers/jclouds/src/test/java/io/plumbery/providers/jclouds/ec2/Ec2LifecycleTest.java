package io.plumbery.providers.jclouds.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Build, list and destroy one network, firewall, node and public address against EC2's API replayed on 127.0.0.1. */
class Ec2LifecycleTest {

    @TempDir
    Path work;

    @RegisterExtension
    final Ec2Replay ec2 = Ec2Replay.forEachTest();

    @Test
    void buildsListsAndDestroysWithEc2sOwnNetworkModel() throws Exception {
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            ec2.on("DescribeVpcs", "describe-vpcs-empty.xml").on("CreateVpc", "create-vpc.xml")
                    .on("CreateTags", "return-true.xml").on("DescribeSubnets", "describe-subnets-empty.xml")
                    .on("CreateSubnet", "create-subnet.xml");
            NetworkRecord network = provider.ensureNetwork(Ec2Fixtures.NETWORK);
            assertEquals("vpc-0a1b2c3d4e5f60001", network.id());
            assertEquals("subnet-0a1b2c3d4e5f60002", network.attributes().get("subnetId"));
            assertEquals("10.77.3.0/24", ec2.requests("CreateVpc").get(0).get("CidrBlock"));
            Ec2Replay.Request subnet = ec2.requests("CreateSubnet").get(0);
            assertEquals("vpc-0a1b2c3d4e5f60001", subnet.get("VpcId"));
            assertEquals("10.77.3.0/24", subnet.get("CidrBlock"));
            Ec2Replay.Request tags = ec2.requests("CreateTags").get(0);
            assertEquals("vpc-0a1b2c3d4e5f60001", tags.get("ResourceId.1"));
            assertTagged(tags, "network/web");

            ec2.on("DescribeSecurityGroups", "describe-security-groups-empty.xml", "describe-security-groups-new.xml")
                    .on("CreateSecurityGroup", "create-security-group.xml")
                    .on("RevokeSecurityGroupIngress", "return-true.xml")
                    .on("AuthorizeSecurityGroupIngress", "return-true.xml");
            FirewallRecord firewall = provider.ensureFirewall(new FirewallRequest("web", network, Ec2Fixtures.RULES));
            assertEquals("sg-0a1b2c3d4e5f60003", firewall.id());
            Ec2Replay.Request group = ec2.requests("CreateSecurityGroup").get(0);
            assertEquals("demo-web", group.get("GroupName"));
            assertEquals("vpc-0a1b2c3d4e5f60001", group.get("VpcId"));
            Ec2Replay.Request revoke = ec2.requests("RevokeSecurityGroupIngress").get(0);
            // jclouds numbers IpPermissions from 0, EC2's reference from 1: EC2 takes both
            assertEquals("8080", revoke.get("IpPermissions.0.FromPort"), revoke.params().toString());
            Ec2Replay.Request authorize = ec2.requests("AuthorizeSecurityGroupIngress").get(0);
            String granted = authorize.params().toString();
            assertTrue(granted.contains("=udp"), granted);
            assertTrue(granted.contains("=137") && granted.contains("=138"), granted);
            assertTrue(granted.contains("=icmp") && granted.contains("=8") && granted.contains("=-1"), granted);
            assertTrue(granted.contains("10.88.0.0/24"), granted);
            assertNull(find(authorize, "0.0.0.0/0"), "ssh was there already: " + granted);

            ec2.on("DescribeInstances", "describe-instances-empty.xml", "describe-instances-running.xml")
                    .on("DescribeImages", "describe-images.xml")
                    .on("DescribeSecurityGroups", "describe-security-groups.xml")
                    .on("RunInstances", "run-instances.xml");
            NodeRecord node = provider.createNode(Ec2Fixtures.node(network));
            assertEquals("i-0a1b2c3d4e5f60004", node.id());
            Ec2Replay.Request run = ec2.requests("RunInstances").get(0);
            assertEquals("ami-0deb12b0000000002", run.get("ImageId"), "the newest Debian 12 build");
            assertEquals("t3.medium", run.get("InstanceType"));
            assertEquals("subnet-0a1b2c3d4e5f60002", run.get("SubnetId"));
            assertEquals("sg-0a1b2c3d4e5f60003", run.get("SecurityGroupId.1"));
            assertEquals("#cloud-config\nhostname: web1\n", new String(Base64.getDecoder().decode(run.get("UserData")),
                    StandardCharsets.UTF_8));
            assertTrue(run.get("ClientToken").startsWith("plumbery-"));
            assertEquals("/dev/sdf", run.get("BlockDeviceMapping.1.DeviceName"));
            assertEquals("20", run.get("BlockDeviceMapping.1.Ebs.VolumeSize"));
            Ec2Replay.Request images = ec2.requests("DescribeImages").get(0);
            assertTrue(images.params().containsValue("136693071363"), images.params().toString());
            assertTrue(images.params().containsValue("debian-12-amd64-*"), images.params().toString());
            assertTrue(node.attributes().get("instanceType").startsWith("t3.medium (2 vCPU, 4 GiB)"),
                    node.attributes().toString());
            assertTagged(ec2.requests("CreateTags").get(ec2.requests("CreateTags").size() - 1), "node/web1");

            NodeRecord listed = provider.refreshNode(node);
            assertEquals(NodeStatus.RUNNING, listed.status());
            assertEquals("10.77.3.10", listed.privateAddress());

            ec2.on("DescribeSubnets", "describe-subnets.xml")
                    .on("DescribeInternetGateways", "describe-internet-gateways-empty.xml",
                            "describe-internet-gateways-detached.xml")
                    .on("CreateInternetGateway", "create-internet-gateway.xml")
                    .on("AttachInternetGateway", "return-true.xml")
                    .on("DescribeRouteTables", "describe-route-tables-empty.xml")
                    .on("CreateRouteTable", "create-route-table.xml").on("CreateRoute", "return-true.xml")
                    .on("AssociateRouteTable", "associate-route-table.xml")
                    .on("DescribeAddresses", "describe-addresses-empty.xml", "describe-addresses-allocated.xml")
                    .on("AllocateAddress", "allocate-address.xml").on("AssociateAddress", "return-true.xml");
            PublicAddressRecord address = provider.ensurePublicAddress(new PublicAddressRequest("web1-public", listed,
                    List.of(PortRange.tcp(22))));
            assertEquals("203.0.113.10", address.address());
            assertEquals("eipalloc-0a1b2c3d4e5f60008", address.id());
            Ec2Replay.Request attach = ec2.requests("AttachInternetGateway").get(0);
            assertEquals("igw-0a1b2c3d4e5f60005", attach.get("InternetGatewayId"));
            assertEquals("vpc-0a1b2c3d4e5f60001", attach.get("VpcId"));
            Ec2Replay.Request route = ec2.requests("CreateRoute").get(0);
            assertEquals("0.0.0.0/0", route.get("DestinationCidrBlock"));
            assertEquals("igw-0a1b2c3d4e5f60005", route.get("GatewayId"));
            assertEquals("subnet-0a1b2c3d4e5f60002", ec2.requests("AssociateRouteTable").get(0).get("SubnetId"));
            Ec2Replay.Request associate = ec2.requests("AssociateAddress").get(0);
            assertEquals("i-0a1b2c3d4e5f60004", associate.get("InstanceId"));
            assertEquals("203.0.113.10", associate.get("PublicIp"));
            assertTagged(ec2.requests("CreateTags").get(ec2.requests("CreateTags").size() - 1), "address/web1-public");

            ec2.on("DescribeInstances", "describe-instances-public.xml");
            assertEquals("203.0.113.10", provider.refreshNode(node).publicAddress());

            // dispose, in the engine's order: addresses, nodes, firewalls, networks
            ec2.on("DescribeAddresses", "describe-addresses.xml").on("DisassociateAddress", "return-true.xml")
                    .on("ReleaseAddress", "return-true.xml");
            provider.releasePublicAddress(address);
            assertEquals("eipalloc-0a1b2c3d4e5f60008", ec2.requests("ReleaseAddress").get(0).get("AllocationId"));

            ec2.on("DescribeInstances", "describe-instances-public.xml", "describe-instances-empty.xml")
                    .on("TerminateInstances", "terminate-instances.xml");
            provider.destroyNode(node);
            assertEquals("i-0a1b2c3d4e5f60004", ec2.requests("TerminateInstances").get(0).get("InstanceId.1"));

            ec2.on("DeleteSecurityGroup", "return-true.xml");
            provider.destroyFirewall(firewall);
            assertEquals("sg-0a1b2c3d4e5f60003", ec2.requests("DeleteSecurityGroup").get(0).get("GroupId"));

            ec2.on("DescribeRouteTables", "describe-route-tables.xml").on("DisassociateRouteTable", "return-true.xml")
                    .on("DeleteRouteTable", "return-true.xml")
                    .on("DescribeInternetGateways", "describe-internet-gateways.xml")
                    .on("DetachInternetGateway", "return-true.xml").on("DeleteInternetGateway", "return-true.xml")
                    .on("DescribeSubnets", "describe-subnets.xml").on("DeleteSubnet", "return-true.xml")
                    .on("DescribeVpcs", "describe-vpcs.xml").on("DeleteVpc", "return-true.xml");
            int before = ec2.requests().size();
            provider.destroyNetwork(network);
            List<String> deletes = ec2.actions().subList(before, ec2.actions().size()).stream()
                    .filter(a -> !a.startsWith("Describe")).toList();
            assertEquals(List.of("DisassociateRouteTable", "DeleteRouteTable", "DetachInternetGateway",
                    "DeleteInternetGateway", "DeleteSubnet", "DeleteVpc"), deletes);
            assertEquals("vpc-0a1b2c3d4e5f60001", ec2.requests("DeleteVpc").get(0).get("VpcId"));
            assertEquals("igw-0a1b2c3d4e5f60005", ec2.requests("DeleteInternetGateway").get(0)
                    .get("InternetGatewayId"), "only the plan's gateway, not igw-0someoneelse0000b");
        }
        assertEquals(List.of(), ec2.unscripted());
    }

    @Test
    void usesASubnetTheAccountHasAsItIsAndNeverDeletesIt() throws Exception {
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            ec2.on("DescribeSubnets", "describe-subnets-existing.xml");
            NetworkRecord shared = provider.ensureNetwork(new NetworkRequest("shared", null, "shared", null));
            assertEquals("vpc-0shared00000000d", shared.id());
            assertEquals("subnet-0shared00000000c", shared.attributes().get("subnetId"));
            assertEquals("Name", ec2.requests("DescribeSubnets").get(0).params().entrySet().stream()
                    .filter(e -> e.getValue().equals("tag:Name")).map(e -> "Name").findFirst().orElse(null),
                    ec2.requests("DescribeSubnets").get(0).params().toString());

            ec2.on("DescribeSubnets", "describe-subnets-empty.xml")
                    .on("DescribeRouteTables", "describe-route-tables-empty.xml")
                    .on("DescribeInternetGateways", "describe-internet-gateways-empty.xml")
                    .on("DescribeVpcs", "describe-vpcs-empty.xml");
            provider.destroyNetwork(shared);
        }
        assertEquals(List.of(), ec2.actions().stream().filter(a -> !a.startsWith("Describe")).toList(),
                "found by its Name, never tagged, never deleted");
    }

    @Test
    void stopsAndStartsANode() throws Exception {
        NodeRecord node = new NodeRecord("i-0a1b2c3d4e5f60004", "web1", "web", NodeStatus.RUNNING, null, null, null,
                null);
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            ec2.on("DescribeInstances", "describe-instances-running.xml", "describe-instances-stopped.xml")
                    .on("StopInstances", "stop-instances.xml");
            assertEquals(NodeStatus.STOPPED, provider.stopNode(node).status());
            ec2.on("DescribeInstances", "describe-instances-stopped.xml", "describe-instances-running.xml")
                    .on("StartInstances", "start-instances.xml");
            NodeRecord started = provider.startNode(node);
            assertEquals(NodeStatus.RUNNING, started.status());
            assertEquals("10.77.3.10", started.ssh().host());
            assertEquals("plumbery", started.ssh().user());
        }
        assertEquals("i-0a1b2c3d4e5f60004", ec2.requests("StopInstances").get(0).get("InstanceId.1"));
        assertEquals("i-0a1b2c3d4e5f60004", ec2.requests("StartInstances").get(0).get("InstanceId.1"));
        Ec2Replay.Request describe = ec2.requests("DescribeInstances").get(0);
        assertTrue(describe.params().containsValue("instance-id"), describe.params().toString());
        assertEquals(List.of(), ec2.unscripted());
    }

    @Test
    void aNodeOfAnotherPlanIsNeverTouched() throws Exception {
        ec2.on("DescribeInstances", "describe-instances-untagged.xml");
        NodeRecord stranger = new NodeRecord("i-0a1b2c3d4e5f60004", "web1", "web", NodeStatus.RUNNING, null, null,
                null, null);
        try (Ec2Provider provider = Ec2Fixtures.open(ec2, work)) {
            assertEquals(NodeStatus.GONE, provider.refreshNode(stranger).status());
            provider.destroyNode(stranger);
        }
        assertEquals(List.of(), ec2.requests("TerminateInstances"), "its tags are not the plan's");
    }

    static void assertTagged(Ec2Replay.Request tags, String resource) {
        String all = tags.params().toString();
        assertTrue(all.contains("plumbery:plan") && all.contains("=demo"), all);
        assertTrue(all.contains("plumbery:resource") && all.contains("=" + resource), all);
    }

    private static String find(Ec2Replay.Request request, String value) {
        return request.params().entrySet().stream().filter(e -> value.equals(e.getValue())).map(e -> e.getKey())
                .findFirst().orElse(null);
    }
}
