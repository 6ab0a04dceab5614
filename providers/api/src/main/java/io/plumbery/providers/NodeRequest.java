package io.plumbery.providers;

import java.util.List;
import java.util.Objects;

/**
 * One node to create.
 *
 * @param name      the node's host name, unique within the plan
 * @param network   the network it joins, as built
 * @param cpu       virtual CPUs
 * @param memoryMb  memory in MiB
 * @param disksGb   sizes of the disks beyond the system disk
 * @param image     the plan's {@code appliance}, mapped by each provider to one of its images
 * @param userData  cloud-init user-data, applied at first boot
 */
public record NodeRequest(String name, NetworkRecord network, int cpu, int memoryMb, List<Integer> disksGb,
                          String image, String userData) {
    public NodeRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        disksGb = List.copyOf(disksGb);
        userData = userData == null ? "" : userData;
    }
}
