package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.jclouds.cloud.Size;
import io.plumbery.providers.jclouds.cloud.SizeTable;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jclouds.openstack.nova.v2_0.domain.Flavor;

/**
 * The plan's cpu and memory as one of the cloud's flavors: each cloud has its own, so the choice is made from the
 * flavors the project sees when the node is built, by the same rule as the other clouds' tables (the fewest MiB, then
 * the fewest vCPUs, with at least what the plan asks), ties going to the name that sorts first; the same flavor list
 * always gives the same flavor.
 */
final class OpenStackFlavors {

    private OpenStackFlavors() {
    }

    static Optional<Flavor> smallestFitting(int cpu, int memoryMb, List<Flavor> flavors) {
        List<Flavor> sorted = flavors.stream().sorted(Comparator.comparing(Flavor::getName)).toList();
        return new SizeTable(sorted.stream().map(OpenStackFlavors::size).toList()).smallestFitting(cpu, memoryMb)
                .flatMap(size -> sorted.stream().filter(f -> f.getName().equals(size.name())).findFirst());
    }

    /** A flavor named or numbered by {@code os.flavor}. */
    static Optional<Flavor> named(String nameOrId, List<Flavor> flavors) {
        return flavors.stream().filter(f -> nameOrId.equals(f.getId()) || nameOrId.equals(f.getName()))
                .min(Comparator.comparing(f -> nameOrId.equals(f.getId()) ? 0 : 1));
    }

    static Size size(Flavor flavor) {
        return new Size(flavor.getName(), flavor.getVcpus(), flavor.getRam());
    }

    /** What {@code plan} says before the cloud is asked: the rule, since the cloud's flavors are its own. */
    static String rule(int cpu, int memoryMb) {
        return "the smallest flavor with " + cpu + " vCPU and " + memoryMb + " MiB";
    }
}
