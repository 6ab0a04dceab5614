package io.plumbery.providers.jclouds.ec2;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The plan's cpu and memory as an EC2 instance type: the smallest of this table that has at least as many vCPUs and
 * as much memory, smallest meaning least memory, then fewest vCPUs. A fixed table rather than a live price list, so
 * that the same plan always asks for the same type (burstable t3 up to 8 vCPUs, general-purpose m6i beyond).
 */
final class InstanceTypes {

    record InstanceType(String name, int vcpus, int memoryMb) {
        String describe() {
            return name + " (" + vcpus + " vCPU, " + (memoryMb >= 1024 ? memoryMb / 1024 + " GiB" : memoryMb + " MiB")
                    + ")";
        }
    }

    static final List<InstanceType> TABLE = List.of(
            new InstanceType("t3.nano", 2, 512),
            new InstanceType("t3.micro", 2, 1024),
            new InstanceType("t3.small", 2, 2048),
            new InstanceType("t3.medium", 2, 4096),
            new InstanceType("t3.large", 2, 8192),
            new InstanceType("t3.xlarge", 4, 16384),
            new InstanceType("t3.2xlarge", 8, 32768),
            new InstanceType("m6i.4xlarge", 16, 65536),
            new InstanceType("m6i.8xlarge", 32, 131072),
            new InstanceType("m6i.12xlarge", 48, 196608),
            new InstanceType("m6i.16xlarge", 64, 262144),
            new InstanceType("m6i.24xlarge", 96, 393216),
            new InstanceType("m6i.32xlarge", 128, 524288));

    private InstanceTypes() {
    }

    static Optional<InstanceType> smallestFitting(int cpu, int memoryMb) {
        return TABLE.stream().filter(t -> t.vcpus() >= cpu && t.memoryMb() >= memoryMb)
                .min(Comparator.comparingInt(InstanceType::memoryMb).thenComparingInt(InstanceType::vcpus));
    }

    static InstanceType largest() {
        return TABLE.get(TABLE.size() - 1);
    }
}
