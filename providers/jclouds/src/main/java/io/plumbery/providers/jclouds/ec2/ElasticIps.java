package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;

import java.util.Optional;

import org.jclouds.ec2.domain.PublicIpInstanceIdPair;
import org.jclouds.ec2.features.ElasticIPAddressApi;

import com.google.common.collect.ImmutableMultimap;

/**
 * A node's public address as an Elastic IP of the VPC, allocated once per plan address, tagged, associated with the
 * node, and released when the plan lets it go.
 *
 * <p>jclouds 2.7.0's {@code AllocateAddress} sends no {@code Domain=vpc} and answers only the address, and its
 * {@code AssociateAddress} sends {@code PublicIp} rather than {@code AllocationId}: accounts made since 2013 are
 * VPC-only and allocate VPC addresses anyway; the allocation id is read back with {@code DescribeAddresses} to tag
 * and release the address.
 */
final class ElasticIps {

    static final String KIND = "address";

    private final Ec2Scope scope;

    ElasticIps(Ec2Scope scope) {
        this.scope = scope;
    }

    record Address(String publicIp, String allocationId) {
    }

    /** The address of this name, allocated and tagged when missing, associated with the instance. */
    Address ensure(String name, String node, String instanceId) throws ProviderException {
        PublicIpInstanceIdPair address = find(name).orElse(null);
        if (address == null) {
            String ip = scope.calls().creating("allocating an Elastic IP for " + name + " (node " + node + ")",
                    () -> addresses().allocateAddressInRegion(scope.region()));
            address = scope.calls().justMade("reading back Elastic IP " + ip + " of " + name, () -> addresses()
                    .describeAddressesInRegion(scope.region(), ip).stream().findFirst()).orElseThrow(() ->
                    new ProviderException("aws-ec2: Elastic IP " + ip + " of " + name + " vanished after allocation"));
            scope.tagging().tag(address.getAllocationId(), KIND, name);
        }
        if (!instanceId.equals(address.getInstanceId())) {
            String ip = address.getPublicIp();
            scope.calls().justMade("associating Elastic IP " + ip + " of " + name + " with node " + node + " ("
                    + instanceId + ")", () -> {
                addresses().associateAddressInRegion(scope.region(), ip, instanceId);
                return null;
            });
        }
        return new Address(address.getPublicIp(), address.getAllocationId());
    }

    void release(String name) throws ProviderException {
        Optional<PublicIpInstanceIdPair> address = find(name);
        if (address.isEmpty()) {
            return;
        }
        String ip = address.get().getPublicIp();
        if (address.get().getInstanceId() != null) {
            scope.calls().removing("disassociating Elastic IP " + ip + " of " + name, () -> {
                addresses().disassociateAddressInRegion(scope.region(), ip);
                return null;
            });
        }
        scope.calls().removing("releasing Elastic IP " + ip + " of " + name, () -> {
            addresses().releaseAddressInRegionByAllocationId(scope.region(), address.get().getAllocationId());
            return null;
        });
    }

    Optional<PublicIpInstanceIdPair> find(String name) throws ProviderException {
        return scope.calls().idempotent("looking for the Elastic IP of " + name, () -> addresses()
                .describeAddressesInRegionWithFilter(scope.region(),
                        ImmutableMultimap.copyOf(scope.tags().filter(KIND, name)))
                .stream().findFirst());
    }

    private ElasticIPAddressApi addresses() {
        return scope.api().getElasticIPAddressApiForRegion(scope.region()).get();
    }
}
