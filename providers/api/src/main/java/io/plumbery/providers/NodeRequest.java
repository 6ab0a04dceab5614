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
 * @param nics      the further network interfaces its glue asks for ({@code storage .12 vmxnet3}), attached by
 *                  providers that declare {@link ProviderFactory#furtherInterfaces()}; the others leave them out
 */
public record NodeRequest(String name, NetworkRecord network, int cpu, int memoryMb, List<Integer> disksGb,
                          String image, String userData, List<Nic> nics) {

    /**
     * A further network interface.
     *
     * @param network the network as the plan names it ({@code storage}, {@code gigafox.control})
     * @param address its address there ({@code 10.3.0.11}) or host part ({@code .11}); null for the provider's choice
     * @param type    the card's type ({@code vmxnet3}, {@code e1000}); null for the provider's
     */
    public record Nic(String network, String address, String type) {
        public Nic {
            Objects.requireNonNull(network, "network");
        }
    }

    public NodeRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        disksGb = List.copyOf(disksGb);
        userData = userData == null ? "" : userData;
        nics = List.copyOf(nics);
    }

    /** A node on its blueprint's network only. */
    public NodeRequest(String name, NetworkRecord network, int cpu, int memoryMb, List<Integer> disksGb,
                       String image, String userData) {
        this(name, network, cpu, memoryMb, disksGb, image, userData, List.of());
    }
}
