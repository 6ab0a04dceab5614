package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.jclouds.cloud.Size;
import io.plumbery.providers.jclouds.cloud.SizeTable;

import java.util.List;
import java.util.Optional;

/**
 * The plan's cpu and memory as an EC2 instance type, the smallest of this {@link SizeTable} that fits: burstable t3
 * up to 8 vCPUs, general-purpose m6i beyond.
 */
final class InstanceTypes {

    static final SizeTable TABLE = new SizeTable(List.of(
            new Size("t3.nano", 2, 512),
            new Size("t3.micro", 2, 1024),
            new Size("t3.small", 2, 2048),
            new Size("t3.medium", 2, 4096),
            new Size("t3.large", 2, 8192),
            new Size("t3.xlarge", 4, 16384),
            new Size("t3.2xlarge", 8, 32768),
            new Size("m6i.4xlarge", 16, 65536),
            new Size("m6i.8xlarge", 32, 131072),
            new Size("m6i.12xlarge", 48, 196608),
            new Size("m6i.16xlarge", 64, 262144),
            new Size("m6i.24xlarge", 96, 393216),
            new Size("m6i.32xlarge", 128, 524288)));

    private InstanceTypes() {
    }

    static Optional<Size> smallestFitting(int cpu, int memoryMb) {
        return TABLE.smallestFitting(cpu, memoryMb);
    }
}
