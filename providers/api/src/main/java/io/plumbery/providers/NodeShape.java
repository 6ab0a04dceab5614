package io.plumbery.providers;

import java.util.List;

/**
 * A node as the plan asks for it, before anything is made: what a provider's plan-time checks and choices see
 * ({@link ProviderFactory#nodeRefused}, {@link ProviderFactory#nodeChoice}).
 *
 * @param cpu       virtual CPUs
 * @param memoryMb  memory in MiB
 * @param disksGb   sizes of the disks beyond the system disk
 * @param appliance the plan's {@code appliance}; null when the plan names none
 */
public record NodeShape(String name, int cpu, int memoryMb, List<Integer> disksGb, String appliance) {
    public NodeShape {
        disksGb = List.copyOf(disksGb);
    }
}
