package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;

import java.util.List;
import java.util.Optional;

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

    private final Ec2Scope scope;
    /** Nodes of one network are built in parallel: one of them makes its gateway, the others find it. */
    private final NameLocks locks = new NameLocks();

    Ec2Networks(Ec2Scope scope) {
        this.scope = scope;
    }

    Parts ensure(String name, String cidr, Optional<String> zone) throws ProviderException {
        return locks.holding(name, () -> ensureLocked(name, cidr, zone));
    }

    private Parts ensureLocked(String name, String cidr, Optional<String> zone) throws ProviderException {
        String vpcId = findVpc(name).orElse(null);
        if (vpcId == null) {
            vpcId = scope.calls().creating("creating VPC " + name + " (" + cidr + ")",
                    () -> vpcs().createVpc(scope.region(), cidr).id());
            scope.tagging().tag(vpcId, VPC_KIND, name);
        }
        String subnetId = findSubnet(name).orElse(null);
        if (subnetId == null) {
            String vpc = vpcId;
            CreateSubnetOptions options = new CreateSubnetOptions();
            zone.ifPresent(options::availabilityZone);
            subnetId = scope.calls().creating("creating subnet " + name + " (" + cidr + ") in " + vpc,
                    () -> subnets().createSubnetInRegion(scope.region(), vpc, cidr, options).getSubnetId());
            scope.tagging().tag(subnetId, SUBNET_KIND, name);
        }
        return new Parts(vpcId, subnetId);
    }

    /**
     * A subnet the account has, that the plan names without declaring it: by id ({@code subnet-...}) or by its
     * {@code Name} tag. Used as it is, never tagged, never deleted: dispose looks only for the plan's scope.tags().
     */
    Parts existing(String name) throws ProviderException {
        Multimap<String, String> filter = name.startsWith("subnet-") ? ImmutableMultimap.of("subnet-id", name)
                : ImmutableMultimap.of("tag:" + Ec2Tags.NAME, name);
        List<Subnet> found = scope.calls().idempotent("looking for the existing subnet " + name, () -> subnets()
                .describeSubnetsInRegionWithFilter(scope.region(), filter).toList());
        if (found.size() != 1) {
            throw new ProviderException("aws-ec2: ethernet " + name + " names a subnet the account already has (no "
                    + "blueprint declares it), and " + (found.isEmpty() ? "there is none" : "there are "
                    + found.size()) + " with that id or Name tag in " + scope.region() + "; give the subnet's id or a "
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
        return locks.holding(name, () -> ensureInternetRouteLocked(name, parts));
    }

    private String ensureInternetRouteLocked(String name, Parts parts) throws ProviderException {
        String gatewayId = findGateway(name).map(InternetGateway::id).orElse(null);
        if (gatewayId == null) {
            gatewayId = scope.calls().creating("creating internet gateway of network " + name,
                    () -> gateways().createInternetGateway(scope.region()).id());
            scope.tagging().tag(gatewayId, GATEWAY_KIND, name);
        }
        String gateway = gatewayId;
        boolean attached = findGateway(name).map(g -> g.attachmentSet().stream()
                .anyMatch(a -> parts.vpcId().equals(a.vpcId()))).orElse(false);
        if (!attached) {
            scope.calls().justMade("attaching internet gateway " + gateway + " to VPC " + parts.vpcId() + " of network "
                    + name, () -> gateways().attachInternetGateway(scope.region(), gateway, parts.vpcId()));
        }
        RouteTable table = findRoutes(name).orElse(null);
        if (table == null) {
            String id = scope.calls().creating("creating route table of network " + name,
                    () -> routes().createRouteTable(scope.region(), parts.vpcId()).id());
            scope.tagging().tag(id, ROUTES_KIND, name);
            table = RouteTable.create(id, parts.vpcId(), List.of(), List.of(), java.util.Map.of());
        }
        String tableId = table.id();
        if (table.routeSet().stream().noneMatch(r -> EVERYWHERE.equals(r.destinationCidrBlock()))) {
            scope.calls().justMade("adding the route to the internet of network " + name, () -> routes().createRoute(
                    scope.region(), tableId, new RouteOptions().destinationCidrBlock(EVERYWHERE).gatewayId(gateway)));
        }
        if (table.associationSet().stream().noneMatch(a -> parts.subnetId().equals(a.subnetId()))) {
            scope.calls().justMade("associating route table " + tableId + " with subnet " + parts.subnetId()
                    + " of network " + name, () -> routes().associateRouteTable(scope.region(), tableId, parts.subnetId()));
        }
        return gateway;
    }

    /** Removes what the plan made for this network, last made first; what is gone already is skipped. */
    void destroy(String name) throws ProviderException {
        Optional<RouteTable> table = findRoutes(name);
        if (table.isPresent()) {
            for (RouteTableAssociation association : table.get().associationSet()) {
                if (association.id() != null && !Boolean.TRUE.equals(association.main())) {
                    scope.calls().removing("disassociating route table of network " + name,
                            () -> routes().disassociateRouteTable(scope.region(), association.id()));
                }
            }
            scope.calls().removing("deleting route table " + table.get().id() + " of network " + name,
                    () -> routes().deleteRouteTable(scope.region(), table.get().id()));
        }
        Optional<InternetGateway> gateway = findGateway(name);
        if (gateway.isPresent()) {
            for (InternetGatewayAttachment attachment : gateway.get().attachmentSet()) {
                scope.calls().removing("detaching internet gateway " + gateway.get().id() + " of network " + name,
                        () -> gateways().detachInternetGateway(scope.region(), gateway.get().id(), attachment.vpcId()));
            }
            scope.calls().removing("deleting internet gateway " + gateway.get().id() + " of network " + name,
                    () -> gateways().deleteInternetGateway(scope.region(), gateway.get().id()));
        }
        Optional<String> subnet = findSubnet(name);
        if (subnet.isPresent()) {
            scope.calls().removing("deleting subnet " + subnet.get() + " of network " + name, () -> {
                subnets().deleteSubnetInRegion(scope.region(), subnet.get());
                return null;
            });
        }
        Optional<String> vpc = findVpc(name);
        if (vpc.isPresent()) {
            scope.calls().removing("deleting VPC " + vpc.get() + " of network " + name,
                    () -> vpcs().deleteVpc(scope.region(), vpc.get()));
        }
    }

    Optional<String> findVpc(String name) throws ProviderException {
        // jclouds 2.7.0's DescribeVpcs takes ids only, no filter: the plan's tags are matched here
        return scope.calls().idempotent("looking for the VPC of network " + name, () -> vpcs()
                .describeVpcsInRegion(scope.region()).filter(v -> scope.tags().marks(v.tags(), VPC_KIND, name))
                .transform(VPC::id).first().toJavaUtil());
    }

    Optional<String> findSubnet(String name) throws ProviderException {
        return scope.calls().idempotent("looking for the subnet of network " + name, () -> subnets()
                .describeSubnetsInRegionWithFilter(scope.region(), scope.tags().filter(SUBNET_KIND, name))
                .transform(Subnet::getSubnetId).first().toJavaUtil());
    }

    private Optional<InternetGateway> findGateway(String name) throws ProviderException {
        // DescribeInternetGateways takes ids only in jclouds 2.7.0: matched on tags here
        return scope.calls().idempotent("looking for the internet gateway of network " + name, () -> gateways()
                .describeInternetGatewaysInRegion(scope.region())
                .filter(g -> scope.tags().marks(g.tags(), GATEWAY_KIND, name)).first().toJavaUtil());
    }

    private Optional<RouteTable> findRoutes(String name) throws ProviderException {
        return scope.calls().idempotent("looking for the route table of network " + name, () -> routes()
                .describeRouteTablesWithFilter(scope.region(), scope.tags().filter(ROUTES_KIND, name)).first()
                .toJavaUtil());
    }

    private VPCApi vpcs() {
        return scope.api().getVPCApi().get();
    }

    private AWSSubnetApi subnets() {
        return scope.api().getAWSSubnetApi().get();
    }

    private InternetGatewayApi gateways() {
        return scope.api().getInternetGatewayApi().get();
    }

    private RouteTableApi routes() {
        return scope.api().getRouteTableApi().get();
    }
}
