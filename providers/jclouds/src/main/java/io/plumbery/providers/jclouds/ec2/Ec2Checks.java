package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.NodeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan asks that EC2 cannot express, said in the plan's own keys before anything is asked of EC2. Pure
 * functions: the factory runs {@link #subnet} at plan time (the one check the provider SPI lets a provider make
 * then), the provider runs all of them before its first call for the network or node concerned.
 */
final class Ec2Checks {

    /** EC2 VPCs and subnets are /16 to /28. */
    static final int WIDEST_PREFIX = 16;
    static final int NARROWEST_PREFIX = 28;
    /** Further EBS volumes go to /dev/sdf ... /dev/sdp. */
    static final int MAX_DISKS = 11;
    static final int MAX_DISK_GB = 16384;

    private Ec2Checks() {
    }

    static Optional<String> subnet(String cidr) {
        int slash = cidr.indexOf('/');
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.of("subnet '" + cidr + "' is not a CIDR");
        }
        if (prefix < WIDEST_PREFIX || prefix > NARROWEST_PREFIX) {
            return Optional.of("subnet " + cidr + ": EC2 VPCs and subnets are /" + WIDEST_PREFIX + " to /"
                    + NARROWEST_PREFIX);
        }
        return Optional.empty();
    }

    /** @return one sentence per key EC2 cannot honour, empty when it can */
    static List<String> node(NodeRequest request, Ec2Settings settings) {
        List<String> problems = new ArrayList<>();
        String node = "node " + request.name() + ": ";
        if (settings.instanceType().isEmpty()) {
            InstanceTypes.TABLE.refusal(request.cpu(), request.memoryMb(), "instance type", Ec2Settings.INSTANCE_TYPE)
                    .ifPresent(why -> problems.add(node + why));
        }
        if (settings.imageId().isEmpty() && Ec2Images.lookup(request.image()).isEmpty()) {
            problems.add(node + "appliance '" + request.image() + "' has no AMI in the aws-ec2 table (" + Ec2Images.names()
                    + "); use one of those, or providerSettings aws.image: ami-...");
        }
        if (request.disksGb().size() > MAX_DISKS) {
            problems.add(node + "disks: " + request.disksGb().size() + " further disks, EC2 attaches at most "
                    + MAX_DISKS + " here (/dev/sdf to /dev/sdp)");
        }
        request.disksGb().stream().filter(gb -> gb < 1 || gb > MAX_DISK_GB).findFirst().ifPresent(gb ->
                problems.add(node + "disks: " + gb + " GB, an EBS volume is 1 to " + MAX_DISK_GB + " GB"));
        return problems;
    }
}
