package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.ProviderFactory.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan asks that Azure cannot express, said in the plan's own keys before anything is asked of Azure. Pure
 * functions of the plan's values and the facility's settings: the factory runs them at plan time, where the plan is
 * refused at the key concerned, and the provider again before its first call for the network, firewall or node.
 */
final class AzureChecks {

    /** A subnet is /8 to /29 (Azure keeps five addresses of each). */
    static final int WIDEST_PREFIX = 8;
    static final int NARROWEST_PREFIX = 29;
    /** The most data disks the sizes of the table take (the smallest take 2 to 4; a VM's size says its own). */
    static final int MAX_DISKS = 64;
    /** A managed data disk is 4 GiB to 32 TiB. */
    static final int MIN_DISK_GB = 4;
    static final int MAX_DISK_GB = 32767;
    /** Custom security rules have priorities 100 to 4096. */
    static final int MAX_RULES = 4096 - 100 + 1;

    private AzureChecks() {
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
            return Optional.of("subnet " + cidr + ": Azure subnets are /" + WIDEST_PREFIX + " to /" + NARROWEST_PREFIX);
        }
        if (first == 0 || first == 127 || first >= 224 || cidr.startsWith("169.254.") || cidr.startsWith("168.63.")) {
            return Optional.of("subnet " + cidr + ": Azure takes no virtual network in 0.0.0.0/8, 127.0.0.0/8, "
                    + "169.254.0.0/16, 168.63.129.16/32 or 224.0.0.0/3");
        }
        return Optional.empty();
    }

    /**
     * @param vmSizeGiven whether {@code azure.vm-size} picks the size (then cpu and memory are not checked)
     * @param imageGiven  whether {@code azure.image} picks the image (then it is the facility's to run cloud-init)
     * @return one refusal per key Azure cannot honour, empty when it can
     */
    static List<Refusal> node(int cpu, int memoryMb, List<Integer> disksGb, String appliance, boolean vmSizeGiven,
                              boolean imageGiven) {
        List<Refusal> refusals = new ArrayList<>();
        if (!vmSizeGiven) {
            VmSizes.TABLE.refusal(cpu, memoryMb, "VM size", AzureSettings.VM_SIZE).ifPresent(why -> refusals.add(
                    new Refusal(VmSizes.TABLE.sizes().stream().anyMatch(s -> s.vcpus() >= cpu) ? "memory" : "cpu",
                            why)));
        }
        if (!imageGiven) {
            String name = appliance == null ? AzureImages.DEFAULT : appliance;
            if (AzureImages.TABLE.lookup(name).isEmpty()) {
                refusals.add(new Refusal("appliance", "'" + name + "' has no image in the azure table ("
                        + AzureImages.TABLE.names() + "); use one of them, or providerSettings " + AzureSettings.IMAGE
                        + " PUBLISHER:OFFER:SKU:VERSION of an image that runs cloud-init"));
            }
        }
        if (disksGb.size() > MAX_DISKS) {
            refusals.add(new Refusal("disks", disksGb.size() + " further disks, an Azure VM takes at most " + MAX_DISKS
                    + " data disks"));
        }
        disksGb.stream().filter(gb -> gb < MIN_DISK_GB || gb > MAX_DISK_GB).findFirst().ifPresent(gb -> refusals.add(
                new Refusal("disks", gb + " GB, an Azure managed disk is " + MIN_DISK_GB + " to " + MAX_DISK_GB
                        + " GB")));
        return refusals;
    }

    /** Rules beyond what one network security group holds. */
    static Optional<String> rules(List<FirewallRule> rules) {
        return rules.size() > MAX_RULES ? Optional.of(rules.size() + " inbound rules, an Azure network security "
                + "group holds " + MAX_RULES) : Optional.empty();
    }
}
