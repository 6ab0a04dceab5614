package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jclouds.aws.ec2.AWSEC2Api;
import org.jclouds.aws.ec2.domain.InternetGateway;
import org.jclouds.aws.ec2.domain.InternetGatewayAttachment;
import org.jclouds.aws.ec2.domain.RouteTable;
import org.jclouds.aws.ec2.domain.RouteTableAssociation;
import org.jclouds.aws.ec2.domain.VPC;
import org.jclouds.aws.ec2.features.AWSSubnetApi;
import org.jclouds.aws.ec2.features.InternetGatewayApi;
import org.jclouds.aws.ec2.features.RouteTableApi;
import org.jclouds.aws.ec2.features.VPCApi;
import org.jclouds.aws.ec2.options.CreateSubnetOptions;
import org.jclouds.aws.ec2.options.RouteOptions;
import org.jclouds.ec2.domain.Subnet;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;

/**
 * A plan's network on EC2: a VPC and one subnet of the same CIDR, and, once a node of it is given a public address,
 * an internet gateway attached to the VPC and a route table sending 0.0.0.0/0 to it, associated with the subnet.
 * Each part is looked up by its tags before it is made, and removed in the reverse order.
 */
final class Ec2Networks {

    static final String VPC_KIND = "network";
    static final String SUBNET_KIND = "subnet";
    static final String GATEWAY_KIND = "gateway";
    static final String ROUTES_KIND = "routes";
    static final String EVERYWHERE = "0.0.0.0/0";

    /** The parts of one network as they are at EC2. */
    record Parts(String vpcId, String subnetId) {
    }

    private final AWSEC2Api api;
    private final String region;
    private final Ec2Tags tags;
    private final Ec2Calls calls;
    private final Ec2Tagging tagging;
    /** Nodes of one network are built in parallel: one of them makes its gateway, the others find it. */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    Ec2Networks(AWSEC2Api api, String region, Ec2Tags tags, Ec2Calls calls, Ec2Tagging tagging) {
        this.api = api;
        this.region = region;
        this.tags = tags;
        this.calls = calls;
        this.tagging = tagging;
    }

    Parts ensure(String name, String cidr, Optional<String> zone) throws ProviderException {
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            return ensureLocked(name, cidr, zone);
        }
    }

    private Parts ensureLocked(String name, String cidr, Optional<String> zone) throws ProviderException {
        String vpcId = findVpc(name).orElse(null);
        if (vpcId == null) {
            vpcId = calls.creating("creating VPC " + name + " (" + cidr + ")",
                    () -> vpcs().createVpc(region, cidr).id());
            tagging.tag(vpcId, VPC_KIND, name);
        }
        String subnetId = findSubnet(name).orElse(null);
        if (subnetId == null) {
            String vpc = vpcId;
            CreateSubnetOptions options = new CreateSubnetOptions();
            zone.ifPresent(options::availabilityZone);
            subnetId = calls.creating("creating subnet " + name + " (" + cidr + ") in " + vpc,
                    () -> subnets().createSubnetInRegion(region, vpc, cidr, options).getSubnetId());
            tagging.tag(subnetId, SUBNET_KIND, name);
        }
        return new Parts(vpcId, subnetId);
    }

    /**
     * A subnet the account has, that the plan names without declaring it: by id ({@code subnet-...}) or by its
     * {@code Name} tag. Used as it is, never tagged, never deleted: dispose looks only for the plan's tags.
     */
    Parts existing(String name) throws ProviderException {
        Multimap<String, String> filter = name.startsWith("subnet-") ? ImmutableMultimap.of("subnet-id", name)
                : ImmutableMultimap.of("tag:" + Ec2Tags.NAME, name);
        List<Subnet> found = calls.idempotent("looking for the existing subnet " + name, () -> subnets()
                .describeSubnetsInRegionWithFilter(region, filter).toList());
        if (found.size() != 1) {
            throw new ProviderException("aws-ec2: ethernet " + name + " names a subnet the account already has (no "
                    + "blueprint declares it), and " + (found.isEmpty() ? "there is none" : "there are "
                    + found.size()) + " with that id or Name tag in " + region + "; give the subnet's id or a "
                    + "unique Name, or declare the network with a subnet to have it made");
        }
        return new Parts(found.get(0).getVpcId(), found.get(0).getSubnetId());
    }

    /** Whether the plan made this network (so that its routing is the plan's to change). */
    boolean made(String name) throws ProviderException {
        return findSubnet(name).isPresent();
    }

    /** The gateway and route that let the network's nodes reach and be reached from the internet. */
    String ensureInternetRoute(String name, Parts parts) throws ProviderException {
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            return ensureInternetRouteLocked(name, parts);
        }
    }

    private String ensureInternetRouteLocked(String name, Parts parts) throws ProviderException {
        String gatewayId = findGateway(name).map(InternetGateway::id).orElse(null);
        if (gatewayId == null) {
            gatewayId = calls.creating("creating internet gateway of network " + name,
                    () -> gateways().createInternetGateway(region).id());
            tagging.tag(gatewayId, GATEWAY_KIND, name);
        }
        String gateway = gatewayId;
        boolean attached = findGateway(name).map(g -> g.attachmentSet().stream()
                .anyMatch(a -> parts.vpcId().equals(a.vpcId()))).orElse(false);
        if (!attached) {
            calls.justMade("attaching internet gateway " + gateway + " to VPC " + parts.vpcId() + " of network "
                    + name, () -> gateways().attachInternetGateway(region, gateway, parts.vpcId()));
        }
        RouteTable table = findRoutes(name).orElse(null);
        if (table == null) {
            String id = calls.creating("creating route table of network " + name,
                    () -> routes().createRouteTable(region, parts.vpcId()).id());
            tagging.tag(id, ROUTES_KIND, name);
            table = RouteTable.create(id, parts.vpcId(), List.of(), List.of(), java.util.Map.of());
        }
        String tableId = table.id();
        if (table.routeSet().stream().noneMatch(r -> EVERYWHERE.equals(r.destinationCidrBlock()))) {
            calls.justMade("adding the route to the internet of network " + name, () -> routes().createRoute(
                    region, tableId, new RouteOptions().destinationCidrBlock(EVERYWHERE).gatewayId(gateway)));
        }
        if (table.associationSet().stream().noneMatch(a -> parts.subnetId().equals(a.subnetId()))) {
            calls.justMade("associating route table " + tableId + " with subnet " + parts.subnetId() + " of network "
                    + name, () -> routes().associateRouteTable(region, tableId, parts.subnetId()));
        }
        return gateway;
    }

    /** Removes what the plan made for this network, last made first; what is gone already is skipped. */
    void destroy(String name) throws ProviderException {
        Optional<RouteTable> table = findRoutes(name);
        if (table.isPresent()) {
            for (RouteTableAssociation association : table.get().associationSet()) {
                if (association.id() != null && !Boolean.TRUE.equals(association.main())) {
                    calls.removing("disassociating route table of network " + name,
                            () -> routes().disassociateRouteTable(region, association.id()));
                }
            }
            calls.removing("deleting route table " + table.get().id() + " of network " + name,
                    () -> routes().deleteRouteTable(region, table.get().id()));
        }
        Optional<InternetGateway> gateway = findGateway(name);
        if (gateway.isPresent()) {
            for (InternetGatewayAttachment attachment : gateway.get().attachmentSet()) {
                calls.removing("detaching internet gateway " + gateway.get().id() + " of network " + name,
                        () -> gateways().detachInternetGateway(region, gateway.get().id(), attachment.vpcId()));
            }
            calls.removing("deleting internet gateway " + gateway.get().id() + " of network " + name,
                    () -> gateways().deleteInternetGateway(region, gateway.get().id()));
        }
        Optional<String> subnet = findSubnet(name);
        if (subnet.isPresent()) {
            calls.removing("deleting subnet " + subnet.get() + " of network " + name, () -> {
                subnets().deleteSubnetInRegion(region, subnet.get());
                return null;
            });
        }
        Optional<String> vpc = findVpc(name);
        if (vpc.isPresent()) {
            calls.removing("deleting VPC " + vpc.get() + " of network " + name,
                    () -> vpcs().deleteVpc(region, vpc.get()));
        }
    }

    Optional<String> findVpc(String name) throws ProviderException {
        // jclouds 2.7.0's DescribeVpcs takes ids only, no filter: the plan's tags are matched here
        return calls.idempotent("looking for the VPC of network " + name, () -> vpcs().describeVpcsInRegion(region)
                .filter(v -> tags.marks(v.tags(), VPC_KIND, name)).transform(VPC::id).first().toJavaUtil());
    }

    Optional<String> findSubnet(String name) throws ProviderException {
        return calls.idempotent("looking for the subnet of network " + name, () -> subnets()
                .describeSubnetsInRegionWithFilter(region, tags.filter(SUBNET_KIND, name))
                .transform(Subnet::getSubnetId).first().toJavaUtil());
    }

    private Optional<InternetGateway> findGateway(String name) throws ProviderException {
        // DescribeInternetGateways takes ids only in jclouds 2.7.0: matched on tags here
        return calls.idempotent("looking for the internet gateway of network " + name, () -> gateways()
                .describeInternetGatewaysInRegion(region).filter(g -> tags.marks(g.tags(), GATEWAY_KIND, name))
                .first().toJavaUtil());
    }

    private Optional<RouteTable> findRoutes(String name) throws ProviderException {
        return calls.idempotent("looking for the route table of network " + name, () -> routes()
                .describeRouteTablesWithFilter(region, tags.filter(ROUTES_KIND, name)).first().toJavaUtil());
    }

    private VPCApi vpcs() {
        return api.getVPCApi().get();
    }

    private AWSSubnetApi subnets() {
        return api.getAWSSubnetApi().get();
    }

    private InternetGatewayApi gateways() {
        return api.getInternetGatewayApi().get();
    }

    private RouteTableApi routes() {
        return api.getRouteTableApi().get();
    }
}
