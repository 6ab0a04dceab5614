package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderFactory.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan asks that GCE cannot express, said in the plan's own keys before anything is asked of GCE. Pure
 * functions of the plan's values and the facility's settings: the factory runs them at plan time, where the plan is
 * refused at the key concerned, and the provider again before its first call for the network or node.
 */
final class GceChecks {

    /** A subnetwork's primary range is /8 to /29. */
    static final int WIDEST_PREFIX = 8;
    static final int NARROWEST_PREFIX = 29;
    /** An instance takes up to 128 disks, its boot disk one of them. */
    static final int MAX_DISKS = 127;
    /** A balanced persistent disk is 10 GB to 64 TB. */
    static final int MIN_DISK_GB = 10;
    static final int MAX_DISK_GB = 65536;

    private GceChecks() {
    }

    static Optional<String> subnet(String cidr) {
        int slash = cidr.indexOf('/');
        int prefix;
        int first;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
            first = Integer.parseInt(cidr.substring(0, cidr.indexOf('.')));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.of("subnet '" + cidr + "' is not a CIDR");
        }
        if (prefix < WIDEST_PREFIX || prefix > NARROWEST_PREFIX) {
            return Optional.of("subnet " + cidr + ": GCE subnetworks are /" + WIDEST_PREFIX + " to /" + NARROWEST_PREFIX);
        }
        if (first == 0 || first == 127 || first >= 224 || cidr.startsWith("169.254.")) {
            return Optional.of("subnet " + cidr + ": GCE takes no subnetwork in 0.0.0.0/8, 127.0.0.0/8, "
                    + "169.254.0.0/16 or 224.0.0.0/3");
        }
        return Optional.empty();
    }

    /**
     * @param machineTypeGiven whether {@code gce.machine-type} picks the type (then cpu and memory are not checked)
     * @param imageGiven       whether {@code gce.image} picks the image (then it is the facility's to run cloud-init)
     * @return one refusal per key GCE cannot honour, empty when it can
     */
    static List<Refusal> node(int cpu, int memoryMb, List<Integer> disksGb, String appliance, boolean machineTypeGiven,
                              boolean imageGiven) {
        List<Refusal> refusals = new ArrayList<>();
        if (!machineTypeGiven) {
            MachineTypes.TABLE.refusal(cpu, memoryMb, "machine type", GceSettings.MACHINE_TYPE).ifPresent(why ->
                    refusals.add(new Refusal(MachineTypes.TABLE.sizes().stream().anyMatch(s -> s.vcpus() >= cpu)
                            ? "memory" : "cpu", why)));
        }
        if (!imageGiven) {
            String name = appliance == null ? GceImages.DEFAULT : appliance;
            Optional<GceImages.Family> family = GceImages.TABLE.lookup(name);
            if (family.isEmpty()) {
                refusals.add(new Refusal("appliance", "'" + name + "' has no image in the google-compute-engine table ("
                        + GceImages.TABLE.names() + "); use one of " + GceImages.usable() + ", or providerSettings "
                        + GceSettings.IMAGE));
            } else if (!family.get().cloudInit()) {
                refusals.add(new Refusal("appliance", "'" + name + "' is image family " + family.get().family() + " of "
                        + family.get().project() + ", which runs no cloud-init on GCE, so the node's cloud-config "
                        + "(user-data: its login user and key, the plan's cloud-config) would not apply; use "
                        + GceImages.usable() + ", or providerSettings " + GceSettings.IMAGE
                        + " with an image that runs cloud-init"));
            }
        }
        if (disksGb.size() > MAX_DISKS) {
            refusals.add(new Refusal("disks", disksGb.size() + " further disks, a GCE instance takes at most "
                    + MAX_DISKS));
        }
        disksGb.stream().filter(gb -> gb < MIN_DISK_GB || gb > MAX_DISK_GB).findFirst().ifPresent(gb -> refusals.add(
                new Refusal("disks", gb + " GB, a GCE persistent disk is " + MIN_DISK_GB + " to " + MAX_DISK_GB + " GB")));
        return refusals;
    }
}
