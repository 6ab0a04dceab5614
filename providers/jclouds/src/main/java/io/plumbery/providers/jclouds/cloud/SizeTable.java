package io.plumbery.providers.jclouds.cloud;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A cloud's machine sizes as a fixed table rather than a live price list, so that the same plan always asks for the
 * same size: the plan's cpu and memory become the smallest size with at least as many vCPUs and as much memory,
 * smallest meaning least memory, then fewest vCPUs, then first in the table.
 */
public final class SizeTable {

    private final List<Size> sizes;

    public SizeTable(List<Size> sizes) {
        this.sizes = List.copyOf(sizes);
    }

    public List<Size> sizes() {
        return sizes;
    }

    public Optional<Size> smallestFitting(int cpu, int memoryMb) {
        return sizes.stream().filter(s -> s.vcpus() >= cpu && s.memoryMb() >= memoryMb)
                .min(Comparator.comparingInt(Size::memoryMb).thenComparingInt(Size::vcpus));
    }

    /** The size with the most memory, then the most vCPUs: what a refusal names as the limit. */
    public Size largest() {
        return sizes.stream().max(Comparator.comparingInt(Size::memoryMb).thenComparingInt(Size::vcpus)).orElseThrow();
    }

    /**
     * Why no size fits, in the plan's words ({@code cpu 200 is more than the largest...}), naming the setting that
     * picks a size instead; empty when one fits.
     */
    public Optional<String> refusal(int cpu, int memoryMb, String what, String setting) {
        if (smallestFitting(cpu, memoryMb).isPresent()) {
            return Optional.empty();
        }
        boolean cpus = sizes.stream().noneMatch(s -> s.vcpus() >= cpu);
        return Optional.of((cpus ? "cpu " + cpu : "memory " + memoryMb / 1024 + " GB") + " is more than the largest "
                + what + " plumbery chooses, " + largest().describe() + "; give a smaller one, or providerSettings "
                + setting);
    }
}
